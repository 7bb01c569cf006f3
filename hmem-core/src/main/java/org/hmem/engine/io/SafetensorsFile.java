package org.hmem.engine.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hmem.engine.tensor.Tensor;

/**
 * The content of a safetensors file: named tensors in the order of their data in the file, and the free-form
 * string metadata of its {@code __metadata__} entry (empty when the file has none). Both maps are unmodifiable
 * and keep their order.
 */
public record SafetensorsFile(Map<String, Tensor> tensors, Map<String, String> metadata) {

    public SafetensorsFile {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** The tensor called {@code name}; an {@link IllegalArgumentException} listing the names if there is none. */
    public Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tensor '" + name + "'; the file has " + tensors.keySet());
        }
        return t;
    }
}
