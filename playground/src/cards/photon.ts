// An image editor on @silvia-odwyer/photon: a sample picture drawn at run time, filters, and two
// real ways to make photon panic (crop out of bounds, decode bytes that are no image).
import type { PhotonImage } from '@silvia-odwyer/photon'
import { action } from '../lib/action'
import { card } from '../lib/card'
import { fmtMs, h } from '../lib/dom'
import { digest, errorInfo, runAll, type Step } from '../lib/outcome'
import { stateOf } from '../lib/stats'
import { errorBadge } from '../lib/action'
import type { Mode, Photon } from '../modules/types'

const MODULE = 'photon_rs'
const W = 480
const H = 300

/** A little landscape, so that filters have something to show. */
function drawSample(ctx: CanvasRenderingContext2D): void {
  const sky = ctx.createLinearGradient(0, 0, 0, H)
  sky.addColorStop(0, '#1d2b64')
  sky.addColorStop(0.55, '#f35f5f')
  sky.addColorStop(1, '#fbbf72')
  ctx.fillStyle = sky
  ctx.fillRect(0, 0, W, H)
  const sun = ctx.createRadialGradient(330, 150, 6, 330, 150, 90)
  sun.addColorStop(0, 'rgba(255,244,200,1)')
  sun.addColorStop(0.35, 'rgba(255,214,120,0.95)')
  sun.addColorStop(1, 'rgba(255,180,90,0)')
  ctx.fillStyle = sun
  ctx.fillRect(200, 40, 260, 220)
  const ridge = (color: string, base: number, peaks: number[][]) => {
    ctx.fillStyle = color
    ctx.beginPath()
    ctx.moveTo(0, H)
    ctx.lineTo(0, base)
    for (const [x, y] of peaks) ctx.lineTo(x, y)
    ctx.lineTo(W, base)
    ctx.lineTo(W, H)
    ctx.closePath()
    ctx.fill()
  }
  ridge('#5b3a8c', 210, [[60, 160], [120, 195], [190, 130], [260, 190], [320, 170], [400, 120], [480, 180]])
  ridge('#2e1f5e', 240, [[40, 215], [110, 175], [170, 220], [240, 190], [300, 230], [380, 185], [450, 225]])
  ctx.fillStyle = '#17123a'
  ctx.fillRect(0, 250, W, 50)
  for (let i = 0; i < 14; i++) {
    ctx.fillStyle = `rgba(255,210,150,${0.5 - i * 0.03})`
    ctx.fillRect(300 - i * 3 + ((i * 17) % 11), 256 + i * 3, 60 - i * 3, 2)
  }
  for (let i = 0; i < 40; i++) {
    ctx.fillStyle = `rgba(255,255,255,${0.25 + ((i * 37) % 50) / 100})`
    ctx.fillRect((i * 97) % W, (i * 53) % 100, 2, 2)
  }
  ctx.font = '600 20px system-ui, sans-serif'
  ctx.fillStyle = 'rgba(255,255,255,0.92)'
  ctx.fillText('photon × wasm-recovery', 18, 286)
}

const FILTERS: [string, (p: Photon, img: PhotonImage) => void][] = [
  ['Grayscale', (p, img) => p.grayscale(img)],
  ['Sepia', (p, img) => p.sepia(img)],
  ['Invert', (p, img) => p.invert(img)],
  ['Emboss', (p, img) => p.emboss(img)],
  ['Solarize', (p, img) => p.solarize(img)],
  ['Dramatic', (p, img) => p.filter(img, 'dramatic')],
  ['Lofi', (p, img) => p.lofi(img)],
  ['Hue +120°', (p, img) => p.hue_rotate_hsl(img, 0.33)],
  ['Blur', (p, img) => p.gaussian_blur(img, 3)],
]

export function photonCard(photon: Photon, mode: Mode): HTMLElement {
  const canvas = h('canvas', { width: W, height: H, class: 'canvas', testid: 'photon-canvas' })
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!
  drawSample(ctx)
  const original = ctx.getImageData(0, 0, W, H)
  const status = h('div', { class: 'status', testid: 'photon-status' })
  const info = h('div', { class: 'canvas-info', testid: 'photon-info' })

  /** The working image: a PhotonImage in the module's current instance. */
  let img: PhotonImage = fromCanvas()
  function fromCanvas(): PhotonImage {
    const d = ctx.getImageData(0, 0, canvas.width, canvas.height)
    return new photon.PhotonImage(new Uint8Array(d.data.buffer), d.width, d.height)
  }
  function draw(p: PhotonImage) {
    const w = p.get_width()
    const hh = p.get_height()
    const data = new ImageData(new Uint8ClampedArray(p.get_raw_pixels()), w, hh)
    canvas.width = w
    canvas.height = hh
    ctx.putImageData(data, 0, 0)
    updateInfo()
  }
  function updateInfo() {
    const s = stateOf(MODULE)
    info.textContent = `${canvas.width}×${canvas.height} px · PhotonImage of generation ${s.generation ?? '–'}`
  }
  function setStatus(ok: boolean, text: string, errName?: string) {
    status.replaceChildren(errName ? errorBadge(errName) : h('span', { class: 'okval' }, '✓'), ' ', text)
    status.dataset.ok = String(ok)
    status.dataset.error = errName ?? ''
  }

  const filterButtons = FILTERS.map(([name, f]) =>
    h(
      'button',
      {
        class: 'btn ghost small',
        type: 'button',
        testid: `photon-filter-${name.toLowerCase().replace(/[^a-z]/g, '')}`,
        onclick: () => {
          const t0 = performance.now()
          try {
            f(photon, img)
            draw(img)
            setStatus(true, `${name} in ${fmtMs(performance.now() - t0)}`)
          } catch (e) {
            const info = errorInfo(e)
            setStatus(false, info.message, info.name)
          }
        },
      },
      name,
    ),
  )
  const resetImage = h(
    'button',
    {
      class: 'btn ghost small',
      type: 'button',
      testid: 'photon-reset-image',
      onclick: () => {
        canvas.width = W
        canvas.height = H
        ctx.putImageData(original, 0, 0)
        try {
          img = fromCanvas()
          updateInfo()
          setStatus(true, 'original image')
        } catch (e) {
          const info = errorInfo(e)
          setStatus(false, info.message, info.name)
        }
      },
    },
    'Original',
  )

  /** Rollback mode: the image's own pixels, and the canvas's, as a digest (see lib/outcome.ts). */
  const imgDigest: Step = { label: 'digest(img.get_raw_pixels())', run: () => digest(img.get_raw_pixels()), show: (v) => v }
  const canvasDigest: Step = {
    label: 'digest(canvas pixels)',
    run: () => digest(ctx.getImageData(0, 0, canvas.width, canvas.height).data),
    show: (v) => v,
  }
  const before = (): Step[] => (mode === 'rollback' ? [imgDigest, canvasDigest] : [])

  /** After a trigger: the image you held, then a new PhotonImage from the canvas (which kept the pixels). */
  const afterSteps = (next: Step): Step[] =>
    mode === 'rollback'
      ? [
          // policy 'rollback': the image you held is still valid, with the pixels it had before the call
          { ...imgDigest, label: 'digest(img.get_raw_pixels())  // the image you held' },
          {
            label: 'draw(img) · digest(canvas pixels)',
            run: () => {
              draw(img)
              return canvasDigest.run()
            },
            show: (v) => v,
          },
          next,
        ]
      : [
          { label: 'img.get_width()  // the image you held', run: () => img.get_width() },
          {
            label: 'img = new PhotonImage(canvas pixels, w, h)',
            run: () => {
              img = fromCanvas()
              updateInfo()
              return `${img.get_width()}×${img.get_height()}`
            },
            show: (v) => v,
          },
          next,
        ]

  const crop = action({
    id: 'photon-crop',
    label: 'Crop out of bounds',
    module: MODULE,
    perform: async () => {
      const w = canvas.width
      const hh = canvas.height
      const r = await runAll({ label: `crop(img, 0, 0, ${w * 2}, ${hh * 2})`, run: () => photon.crop(img, 0, 0, w * 2, hh * 2) }, afterSteps({
        label: 'crop(img, 0, 0, 120, 80).get_width()',
        run: () => {
          const c = photon.crop(img, 0, 0, 120, 80)
          try {
            return c.get_width()
          } finally {
            c.free()
          }
        },
      }), before())
      return { ...r, ...stateOf(MODULE) }
    },
  })
  const garbage = action({
    id: 'photon-garbage',
    label: 'Decode garbage bytes',
    module: MODULE,
    perform: async () => {
      const junk = new Uint8Array(64).map((_, i) => (i * 89 + 7) % 256)
      junk.set([0x89, 0x50, 0x4e, 0x47]) // a PNG signature, then nonsense
      const r = await runAll({ label: 'PhotonImage.new_from_byteslice(<64 bytes of junk>)', run: () => photon.PhotonImage.new_from_byteslice(junk) }, afterSteps({
        label: 'PhotonImage.new_from_byteslice(<the canvas as PNG>)',
        run: async () => {
          const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/png'))
          const png = new Uint8Array(await blob!.arrayBuffer())
          const p = photon.PhotonImage.new_from_byteslice(png)
          try {
            return `decoded ${p.get_width()}×${p.get_height()} from ${png.length} bytes`
          } finally {
            p.free()
          }
        },
        show: (v) => v,
      }), before())
      return { ...r, ...stateOf(MODULE) }
    },
  })

  updateInfo()
  setStatus(true, 'ready: pick a filter')
  const body = h('div', { class: 'canvas-wrap' }, canvas, info)
  return card({
    id: 'photon',
    title: 'Image editor',
    module: MODULE,
    wide: true,
    intro:
      '<code>@silvia-odwyer/photon</code> 0.3.11 (wasm-bindgen 0.2.68, old bundler target). The picture is drawn on a canvas at run time; filters run in Rust on a <code>PhotonImage</code>. Two real inputs make photon panic: a crop rectangle outside the image, and bytes that are no image.',
    body,
    side: [h('div', { class: 'filters' }, ...filterButtons, resetImage), status],
    actions: [crop, garbage],
    contrast:
      mode === 'on'
        ? { label: 'Without the plugin:', text: 'a bare RuntimeError: unreachable; the instance that trapped carries on, and its leaked stack and half-done state stay there for the next call (see this card under “Plugin off”, where a plain wasm loader runs photon).' }
        : mode === 'rollback'
          ? { label: "Under the default policy ('reinit'):", text: 'the image you held belonged to the discarded instance (WasmStaleObjectError); the editor makes a new PhotonImage from the canvas.' }
          : { label: 'With the plugin:', text: 'WasmAbortError; the image you held belonged to the discarded instance (WasmStaleObjectError), and a new PhotonImage from the canvas works in a fresh one.' },
  })
}
