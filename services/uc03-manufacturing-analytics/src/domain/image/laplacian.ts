/**
 * Variance of the 4-neighbour Laplacian (0 1 0 / 1 −4 1 / 0 1 0) of a luminance plane: low when edges are
 * soft (blur), high when the image has sharp detail. Edges replicate the border pixel, which makes this
 * Laplacian and any symmetric blur share one basis (DCT-II), so blurring can never raise the variance;
 * a constant image gives exactly 0.
 */
export const laplacianVariance = (lum: Float64Array, width: number, height: number): number => {
  const n = width * height;
  if (n === 0) return 0;
  let sum = 0;
  let sumSquares = 0;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const up = (y === 0 ? y : y - 1) * width;
    const down = (y === height - 1 ? y : y + 1) * width;
    for (let x = 0; x < width; x++) {
      const left = x === 0 ? x : x - 1;
      const right = x === width - 1 ? x : x + 1;
      const centre = lum[row + x] ?? 0;
      // Differences first: exactly 0 on flat areas, where a sum minus 4·centre could round.
      const response =
        (lum[up + x] ?? 0) -
        centre +
        ((lum[down + x] ?? 0) - centre) +
        ((lum[row + left] ?? 0) - centre) +
        ((lum[row + right] ?? 0) - centre);
      sum += response;
      sumSquares += response * response;
    }
  }
  const mean = sum / n;
  return Math.max(0, sumSquares / n - mean * mean);
};
