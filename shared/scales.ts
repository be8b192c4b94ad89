// The rating scales used by Vietnamese one-stop sections (see DOMAIN.md). Level 1 is always
// the best; every stored rating records the scale it was given on, so levels are never
// compared across scales without the scale id. The levels are in scale-levels.ts (no zod, for
// the citizen screen's entry chunk); the schema is here.
import { z } from 'zod';
import { scaleIds } from './scale-levels';

export * from './scale-levels';
export const scaleIdSchema = z.enum(scaleIds, { error: 'Thang đánh giá phải là 3, 4 hoặc 5 mức' });
