// @silvia-odwyer/photon@0.3.11 (old bundler target, CLI 0.2.68): image operations on small images,
// objects by reference and by value, strings in, byte arrays out, PNG decoding.
import { digest } from './prng.mjs'

export const module = 'photon_rs'

const PNG_6x5 =
  'iVBORw0KGgoAAAANSUhEUgAAAAYAAAAFCAYAAABmWJ3mAAAAZElEQVR4nAXBMQHAIAxFwe+iFpgY4oEdAYxxwIIGBGQGF5WQrZJe7ySJooeuylLjaJCaSPZQrNKtsWxwbJK2kbxSvNF9sHxyfJN+kaJRYtBjsmJz4pLxIuWg5KTnZuXl5Evmxw/egkF0+uAiXAAAAABJRU5ErkJggg=='

const pixels = (w, h, k) => Uint8Array.from({ length: w * h * 4 }, (_, i) => (i * k + 11) % 256)
const px = (img) => digest(img.get_raw_pixels())

// A step makes one call from the app, or is a generator yielding one thunk per call (see exec.mjs runStep):
// policy 'rollback' restores the state from before the failed CALL, so a retry resumes at that call.
export function workload(m) {
  // a mutating call, then the pixels
  const then = (f) => function* (s) {
    yield () => f(s)
    return yield () => px(s.img)
  }
  return [
    ['new PhotonImage', function* (s) {
      s.img = yield () => new m.PhotonImage(pixels(8, 8, 37), 8, 8)
      return [yield () => s.img.get_width(), yield () => s.img.get_height()]
    }],
    ['alter_channels', then((s) => m.alter_channels(s.img, 10, -20, 30))],
    ['gaussian_blur', then((s) => m.gaussian_blur(s.img, 1))],
    ['hue_rotate_hsl', then((s) => m.hue_rotate_hsl(s.img, 0.3))],
    ['selective_hue_rotate (Rgb by value)', function* (s) {
      s.rgb = yield () => new m.Rgb(20, 40, 60)
      yield () => s.rgb.set_green(41)
      yield () => m.selective_hue_rotate(s.img, s.rgb, 0.2)
      return yield () => px(s.img)
    }],
    ['resize', function* (s) {
      s.small = yield () => m.resize(s.img, 5, 3, 1)
      return [yield () => s.small.get_width(), yield () => s.small.get_height(), yield () => px(s.small)]
    }],
    ['padding_uniform (Rgba by value)', function* (s) {
      s.rgba = yield () => new m.Rgba(1, 2, 3, 255)
      s.padded = yield () => m.padding_uniform(s.small, 2, s.rgba)
      return [yield () => s.padded.get_width(), yield () => px(s.padded)]
    }],
    ['crop', function* (s) {
      s.cropped = yield () => m.crop(s.img, 1, 1, 6, 5)
      return [yield () => s.cropped.get_width(), yield () => px(s.cropped)]
    }],
    ['blend with a gradient (string argument)', function* (s) {
      s.gradient = yield () => m.create_gradient(8, 8)
      yield () => m.blend(s.img, s.gradient, 'multiply')
      return yield () => px(s.img)
    }],
    ['watermark', then((s) => m.watermark(s.img, s.small, 1, 1))],
    ['filter', then((s) => m.filter(s.img, 'oceanic'))],
    ['decode a PNG', function* (s) {
      s.png = yield () => m.PhotonImage.new_from_byteslice(Buffer.from(PNG_6x5, 'base64'))
      return [yield () => s.png.get_width(), yield () => s.png.get_height(), yield () => px(s.png)]
    }],
    ['sharpen the PNG', function* (s) {
      yield () => m.sharpen(s.png)
      return yield () => px(s.png)
    }],
    ['free', function* (s) {
      for (const k of ['img', 'small', 'padded', 'cropped', 'gradient', 'png']) yield () => s[k].free() // rgb, rgba went to Rust by value
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
  if (s.rgba) out.push(['rgba.get_alpha()', () => s.rgba.get_alpha()], ['rgba.free()', () => s.rgba.free(), 'free'])
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
