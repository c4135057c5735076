package io.bulwark.system;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Public: the exchange's state and this instance's role. */
@RestController
@RequestMapping("/api/v1/system/status")
class StatusController {
    private final StatusService status;

    StatusController(StatusService status) {
        this.status = status;
    }

    @GetMapping
    StatusResponse status() {
        return status.status();
    }
}
