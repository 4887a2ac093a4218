// Small arithmetic the generator's steps share.

export const pad = (n: number, width: number): string => String(n).padStart(width, '0');
export const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));
export const round1 = (value: number): number => Math.round(value * 10) / 10;
export const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = values.slice().sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
