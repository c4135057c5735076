package io.bulwark.benchecho;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The anchor of the W3 ratio (issue 15): the least a Spring Boot MVC server does for a JSON request. {@code POST
 * /echo} reads an order-shaped body into a record and answers it with 201, nothing else: no security, no
 * validation, no database. ops/bench/run-w3-ratio.sh puts it and Bulwark under the same wrk load.
 */
@SpringBootApplication
@RestController
public class EchoApplication {

    /** The fields of a limit order as Bulwark's {@code POST /api/v1/orders} takes them. */
    public record Order(String market, String side, String type, String timeInForce, String size, String price) {}

    @PostMapping("/echo")
    @ResponseStatus(HttpStatus.CREATED)
    public Order echo(@RequestBody Order order) {
        return order;
    }

    public static void main(String[] args) {
        SpringApplication.run(EchoApplication.class, args);
    }
}
