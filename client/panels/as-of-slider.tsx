/** The time slider in the top bar (issue 6): filled in by the leaders' work. */
export function AsOfSlider() {
  return null;
}
