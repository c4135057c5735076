package io.bulwark.system;

import io.bulwark.engine.state.TradingState;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code {state, reason, force}}: where to go, why (recorded), and whether to override a failing precondition. */
record StateChangeRequest(
        @NotNull TradingState state,
        @NotBlank @Size(max = 200) String reason,
        Boolean force) {

    boolean forced() {
        return Boolean.TRUE.equals(force);
    }
}
