/**
 * The thank-you's picture, the same after every level: a soft tick in a circle, in the kiosk's
 * calm blue. Never the chosen level's face or colour (a red frown thanked as if the kiosk were
 * upset with the citizen).
 */
export function ThanksMark() {
  return (
    <svg className="thanks-mark" viewBox="0 0 100 100" aria-hidden="true" focusable="false" data-testid="thanks-mark">
      <circle cx="50" cy="50" r="44" fill="#E8F0FB" stroke="#0B3D91" strokeWidth="5" />
      <path d="M 30 52 L 44 66 L 71 37" fill="none" stroke="#0B3D91" strokeWidth="7" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
