/**
 * The engine's basic data: {@link Tensor} (a shaped row-major float32 array, the unit of checkpoints and reference
 * data), {@link FloatOps} (the allocation-free flat-array kernels of the hot loops) and {@link CarriedState} (state a
 * layer hands from one call to the next). Its only hmem dependency is {@code org.hmem.engine.simd}, to which
 * {@code FloatOps} dispatches when SIMD is enabled; the dependency runs from tensor to simd, never back. Like all of
 * {@code org.hmem.engine} it knows nothing of tasks, command lines, data sets or plots.
 */
package org.hmem.engine.tensor;
