/** Saber's default capture: 5 pages of 25. */
export const DEFAULT_CAPTURE_SIZE = 125;
/** LinkedIn answers no result past the 2,500th. */
export const MAX_CAPTURE_SIZE = 2500;
