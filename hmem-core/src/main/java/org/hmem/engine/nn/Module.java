package org.hmem.engine.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Anything that owns parameters; registration is explicit and ordered, as in a PyTorch state dict. */
public interface Module {

    /** Parameters in registration order, named by their full state-dict keys. */
    List<Parameter> parameters();

    /** Name to parameter, in registration order. */
    default Map<String, Parameter> namedParameters() {
        Map<String, Parameter> map = new LinkedHashMap<>();
        for (Parameter p : parameters()) {
            if (map.put(p.name(), p) != null) {
                throw new IllegalStateException("duplicate parameter name " + p.name());
            }
        }
        return map;
    }

    default void zeroGrad() {
        for (Parameter p : parameters()) {
            p.zeroGrad();
        }
    }

    /** Concatenates the parameters of several modules, in order. */
    static List<Parameter> collect(Module... modules) {
        List<Parameter> all = new ArrayList<>();
        for (Module m : modules) {
            all.addAll(m.parameters());
        }
        return List.copyOf(all);
    }
}
