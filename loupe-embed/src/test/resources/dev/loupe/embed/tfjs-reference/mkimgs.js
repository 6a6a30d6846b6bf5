// Makes 224x224 RGB PNG fixtures from JPEGs (box-average resize; only the fixture, not part of the test).
const fs = require('fs'); const jpeg = require('jpeg-js'); const {PNG} = require('pngjs');
const [src, dst] = process.argv.slice(2);
const img = jpeg.decode(fs.readFileSync(src), {useTArray: true});
const W = 224, H = 224; const png = new PNG({width: W, height: H, colorType: 2, inputColorType: 2});
const out = Buffer.alloc(W * H * 4);
for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
  const x0 = Math.floor(x * img.width / W), x1 = Math.max(x0 + 1, Math.floor((x + 1) * img.width / W));
  const y0 = Math.floor(y * img.height / H), y1 = Math.max(y0 + 1, Math.floor((y + 1) * img.height / H));
  for (let c = 0; c < 3; c++) { let s = 0; for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) s += img.data[(yy * img.width + xx) * 4 + c];
    out[(y * W + x) * 4 + c] = Math.round(s / ((x1 - x0) * (y1 - y0))); }
  out[(y * W + x) * 4 + 3] = 255;
}
png.data = out; fs.writeFileSync(dst, PNG.sync.write(png, {colorType: 2}));
