// Runs the original nsfwjs@4.3.0 MobileNetV2 TF.js layers model (CPU backend) on 224x224 RGB PNGs
// and prints the 1280-d output of layer flatten_1 (the pooled feature before the dense head).
const fs = require('fs'); const path = require('path');
const tf = require('@tensorflow/tfjs'); const {PNG} = require('pngjs');
const dir = path.join(__dirname, 'node_modules/nsfwjs/dist/models/mobilenet_v2');
const model = require(path.join(dir, 'model.min.js'));
const shard = Buffer.from(require(path.join(dir, 'group1-shard1of1.min.js')), 'base64');
(async () => {
  await tf.setBackend('cpu');
  const weightData = shard.buffer.slice(shard.byteOffset, shard.byteOffset + shard.byteLength);
  const full = await tf.loadLayersModel(tf.io.fromMemory({modelTopology: model.modelTopology,
      weightSpecs: model.weightsManifest[0].weights, weightData}));
  const feature = tf.model({inputs: full.inputs, outputs: full.getLayer('flatten_1').output});
  console.log(`# nsfwjs@4.3.0 mobilenet_v2, layer flatten_1, @tensorflow/tfjs ${tf.version.tfjs}, backend ${tf.getBackend()}`);
  console.log('# file\tL2 norm\t1280 values (float32 printed as shortest round-trip decimals)');
  for (const f of process.argv.slice(2)) {
    const png = PNG.sync.read(fs.readFileSync(f));
    const rgb = new Float32Array(png.width * png.height * 3);
    for (let i = 0; i < png.width * png.height; i++) for (let c = 0; c < 3; c++) rgb[i * 3 + c] = png.data[i * 4 + c] / 255;
    const x = tf.tensor4d(rgb, [1, png.height, png.width, 3]);
    const v = Array.from(await feature.predict(x).data());
    const norm = Math.sqrt(v.reduce((s, a) => s + a * a, 0));
    console.log(`${path.basename(f)}	${norm}	${v.join(',')}`);
  }
})();
