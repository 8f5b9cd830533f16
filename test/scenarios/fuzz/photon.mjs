// @silvia-odwyer/photon@0.3.11 (old bundler target, CLI 0.2.68): image operations on small images,
// objects by reference and by value, strings in, byte arrays out, PNG decoding.
import { digest } from './prng.mjs'

export const module = 'photon_rs'

const PNG_6x5 =
  'iVBORw0KGgoAAAANSUhEUgAAAAYAAAAFCAYAAABmWJ3mAAAAZElEQVR4nAXBMQHAIAxFwe+iFpgY4oEdAYxxwIIGBGQGF5WQrZJe7ySJooeuylLjaJCaSPZQrNKtsWxwbJK2kbxSvNF9sHxyfJN+kaJRYtBjsmJz4pLxIuWg5KTnZuXl5Evmxw/egkF0+uAiXAAAAABJRU5ErkJggg=='

const pixels = (w, h, k) => Uint8Array.from({ length: w * h * 4 }, (_, i) => (i * k + 11) % 256)
const px = (img) => digest(img.get_raw_pixels())

export function workload(m) {
  return [
    ['new PhotonImage', (s) => ((s.img = new m.PhotonImage(pixels(8, 8, 37), 8, 8)), [s.img.get_width(), s.img.get_height()])],
    ['alter_channels', (s) => (m.alter_channels(s.img, 10, -20, 30), px(s.img))],
    ['gaussian_blur', (s) => (m.gaussian_blur(s.img, 1), px(s.img))],
    ['hue_rotate_hsl', (s) => (m.hue_rotate_hsl(s.img, 0.3), px(s.img))],
    ['selective_hue_rotate (Rgb by value)', (s) => ((s.rgb = new m.Rgb(20, 40, 60)), s.rgb.set_green(41), m.selective_hue_rotate(s.img, s.rgb, 0.2), px(s.img))],
    ['resize', (s) => ((s.small = m.resize(s.img, 5, 3, 1)), [s.small.get_width(), s.small.get_height(), px(s.small)])],
    ['padding_uniform (Rgba by value)', (s) => ((s.padded = m.padding_uniform(s.small, 2, new m.Rgba(1, 2, 3, 255))), [s.padded.get_width(), px(s.padded)])],
    ['crop', (s) => ((s.cropped = m.crop(s.img, 1, 1, 6, 5)), [s.cropped.get_width(), px(s.cropped)])],
    ['blend with a gradient (string argument)', (s) => ((s.gradient = m.create_gradient(8, 8)), m.blend(s.img, s.gradient, 'multiply'), px(s.img))],
    ['watermark', (s) => (m.watermark(s.img, s.small, 1, 1), px(s.img))],
    ['filter', (s) => (m.filter(s.img, 'oceanic'), px(s.img))],
    ['decode a PNG', (s) => ((s.png = m.PhotonImage.new_from_byteslice(Buffer.from(PNG_6x5, 'base64'))), [s.png.get_width(), s.png.get_height(), px(s.png)])],
    ['sharpen the PNG', (s) => (m.sharpen(s.png), px(s.png))],
    ['free', (s) => {
      for (const k of ['img', 'small', 'padded', 'cropped', 'gradient', 'png']) s[k].free() // rgb went to Rust by value
      return 'freed'
    }],
  ]
}

/** Objects of the dead generation: typed errors, free() a no-op. */
export function stale(m, s) {
  const out = []
  for (const k of ['img', 'small', 'padded', 'cropped', 'gradient', 'png']) if (s[k]) out.push([`${k}.get_width()`, () => s[k].get_width()], [`${k}.free()`, () => s[k].free(), 'free'])
  if (s.img) out.push(['grayscale(img)', () => m.grayscale(s.img)])
  if (s.rgb) out.push(['rgb.get_red()', () => s.rgb.get_red()], ['rgb.free()', () => s.rgb.free(), 'free'])
  return out
}

/** New objects after the run. */
export function check(m) {
  const img = new m.PhotonImage(pixels(6, 6, 53), 6, 6)
  m.grayscale(img)
  m.gaussian_blur(img, 1)
  const small = m.resize(img, 3, 4, 2)
  const png = m.PhotonImage.new_from_byteslice(Buffer.from(PNG_6x5, 'base64'))
  m.invert(png)
  const out = [px(img), small.get_width(), px(small), px(png), m.base64_to_vec(PNG_6x5).length]
  img.free()
  small.free()
  png.free()
  return out
}
