// Small dense linear algebra for D x D covariance matrices (D is the feature count, typically 1-8), row-major.
// No allocation except where a caller passes nothing to write into.

/** In-place Cholesky: on success `a` holds L (lower; upper part zeroed) with a = L Lᵀ. False if not positive definite. */
export function choleskyInPlace(a: Float64Array, offset: number, D: number): boolean {
  for (let j = 0; j < D; j++) {
    let d = a[offset + j * D + j]!;
    for (let k = 0; k < j; k++) d -= a[offset + j * D + k]! ** 2;
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    a[offset + j * D + j] = ljj;
    for (let i = j + 1; i < D; i++) {
      let s = a[offset + i * D + j]!;
      for (let k = 0; k < j; k++) s -= a[offset + i * D + k]! * a[offset + j * D + k]!;
      a[offset + i * D + j] = s / ljj;
    }
    for (let k = j + 1; k < D; k++) a[offset + j * D + k] = 0;
  }
  return true;
}

/** Writes L⁻¹ (lower triangular) of the lower-triangular L at `l` into `out`. */
export function invertLower(l: Float64Array, lOff: number, out: Float64Array, outOff: number, D: number): void {
  for (let i = 0; i < D; i++) {
    for (let j = 0; j < D; j++) out[outOff + i * D + j] = 0;
    out[outOff + i * D + i] = 1 / l[lOff + i * D + i]!;
    for (let j = 0; j < i; j++) {
      let s = 0;
      for (let k = j; k < i; k++) s += l[lOff + i * D + k]! * out[outOff + k * D + j]!;
      out[outOff + i * D + j] = -s / l[lOff + i * D + i]!;
    }
  }
}

/**
 * Cyclic Jacobi eigen-decomposition of the symmetric D x D matrix `a` (destroyed: its diagonal ends as the
 * eigenvalues); `v` receives the eigenvectors as columns. Converges quadratically; D is small.
 */
export function jacobiEigen(a: Float64Array, v: Float64Array, D: number): void {
  v.fill(0, 0, D * D);
  for (let i = 0; i < D; i++) v[i * D + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < D; p++) for (let q = p + 1; q < D; q++) off += a[p * D + q]! ** 2;
    if (off < 1e-300) return;
    for (let p = 0; p < D; p++) {
      for (let q = p + 1; q < D; q++) {
        const apq = a[p * D + q]!;
        if (apq === 0) continue;
        const theta = (a[q * D + q]! - a[p * D + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < D; k++) {
          const akp = a[k * D + p]!;
          const akq = a[k * D + q]!;
          a[k * D + p] = c * akp - s * akq;
          a[k * D + q] = s * akp + c * akq;
        }
        for (let k = 0; k < D; k++) {
          const apk = a[p * D + k]!;
          const aqk = a[q * D + k]!;
          a[p * D + k] = c * apk - s * aqk;
          a[q * D + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < D; k++) {
          const vkp = v[k * D + p]!;
          const vkq = v[k * D + q]!;
          v[k * D + p] = c * vkp - s * vkq;
          v[k * D + q] = s * vkp + c * vkq;
        }
      }
    }
  }
}

/** Scratch for {@link floorCovariance}, allocated once per fit. */
export interface EigenScratch {
  a: Float64Array;
  v: Float64Array;
}

export const createEigenScratch = (D: number): EigenScratch => ({
  a: new Float64Array(D * D),
  v: new Float64Array(D * D),
});

/**
 * Floors the eigenvalues of a covariance matrix measured in units of the data: with S = diag(scale),
 * the eigenvalues of S^-1/2 Σ S^-1/2 are raised to at least `floor`. This is what stops a full-covariance
 * state collapsing onto a line (reference README §4.4) whatever the feature units. A no-op (bit for bit)
 * when every eigenvalue is already above the floor. Returns true if it changed the matrix.
 */
export function floorCovariance(
  cov: Float64Array,
  offset: number,
  D: number,
  scale: Float64Array,
  floor: number,
  scratch: EigenScratch,
): boolean {
  const { a, v } = scratch;
  for (let i = 0; i < D; i++)
    for (let j = 0; j < D; j++) a[i * D + j] = cov[offset + i * D + j]! / Math.sqrt(scale[i]! * scale[j]!);
  // Symmetrise: accumulated statistics can differ in the last bit between (i,j) and (j,i).
  for (let i = 0; i < D; i++)
    for (let j = 0; j < i; j++) a[i * D + j] = a[j * D + i] = 0.5 * (a[i * D + j]! + a[j * D + i]!);
  jacobiEigen(a, v, D);
  let changed = false;
  for (let i = 0; i < D; i++) if (!(a[i * D + i]! >= floor)) changed = true;
  if (!changed) return false;
  for (let i = 0; i < D; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < D; k++) s += v[i * D + k]! * Math.max(a[k * D + k]!, floor) * v[j * D + k]!;
      const value = s * Math.sqrt(scale[i]! * scale[j]!);
      cov[offset + i * D + j] = value;
      cov[offset + j * D + i] = value;
    }
  }
  return true;
}
