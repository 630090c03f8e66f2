/**
 * The app icons of the kiosk (home-screen icon, apple-touch-icon, favicon),
 * drawn at build time so no binary has to be kept in the repository and every
 * size is sharp: a white-rimmed smiling face on the brand blue. Node only
 * (vite configs); the pixels are supersampled 4× for smooth edges.
 */
import { PNG } from 'pngjs';

export const BRAND = '#0b3a6f';
const FACE: Rgb = [255, 211, 77];
const INK: Rgb = [11, 58, 111];
type Rgb = [number, number, number];

const rgb = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;

export interface IconSpec {
  size: number;
  /** Maskable icons keep the face inside the central 80 % safe zone (Android crops to a circle or squircle). */
  maskable?: boolean;
}

/** Colour of one point in the unit square (0..1), the face centred at (0.5, 0.5) with radius r. */
function paint(x: number, y: number, r: number, bg: Rgb): Rgb {
  const dx = x - 0.5;
  const dy = y - 0.5;
  const d = Math.hypot(dx, dy);
  if (d > r) return bg;
  const eyeR = r * 0.13;
  for (const ex of [-0.36, 0.36]) if (Math.hypot(dx - ex * r, dy + 0.25 * r) < eyeR) return INK;
  // The smile: a ring segment below the centre.
  const sd = Math.hypot(dx, dy + 0.05 * r);
  if (dy > 0.12 * r && sd > r * 0.5 && sd < r * 0.64) return INK;
  return FACE;
}

export function iconPng({ size, maskable }: IconSpec): Buffer {
  const png = new PNG({ width: size, height: size });
  const bg = rgb(BRAND);
  const r = maskable ? 0.3 : 0.4;
  const S = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let R = 0;
      let G = 0;
      let B = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const c = paint((px + (sx + 0.5) / S) / size, (py + (sy + 0.5) / S) / size, r, bg);
          R += c[0];
          G += c[1];
          B += c[2];
        }
      }
      const i = (py * size + px) * 4;
      png.data[i] = Math.round(R / (S * S));
      png.data[i + 1] = Math.round(G / (S * S));
      png.data[i + 2] = Math.round(B / (S * S));
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}
