import type { StaffSubject } from '../../../shared/staff';

/** A tile on the "who are you" screen: an officer from the list, or a shared role. */
export interface SignInChoice {
  subject: StaffSubject;
  name: string;
  title: string;
  photoDataUrl: string | null;
}
