import './it-admin.css';

// What a citizen sees on a kiosk nobody has set up yet: a calm notice instead of the rating
// buttons (the office name above it still opens the staff area for IT staff).
export const NOT_SET_UP_TITLE = 'Máy đánh giá chưa được cài đặt';
export const NOT_SET_UP_TEXT = 'Vui lòng liên hệ cán bộ CNTT để cài đặt máy. Xin cảm ơn!';

export function NotSetUpNotice() {
  return (
    <div className="not-set-up" role="status" data-testid="not-set-up">
      <h1 className="notice-title">{NOT_SET_UP_TITLE}</h1>
      <p className="notice-text">{NOT_SET_UP_TEXT}</p>
    </div>
  );
}
