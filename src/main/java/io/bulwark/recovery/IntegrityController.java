package io.bulwark.recovery;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin: run every integrity check now (SPEC section 9). */
@RestController
class IntegrityController {
    private final IntegrityService integrity;

    IntegrityController(IntegrityService integrity) {
        this.integrity = integrity;
    }

    @GetMapping("/api/v1/admin/integrity")
    IntegrityReport check() {
        return integrity.run();
    }
}
