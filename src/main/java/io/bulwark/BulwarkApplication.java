package io.bulwark;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class BulwarkApplication {
    public static void main(String[] args) {
        SpringApplication.run(BulwarkApplication.class, args);
    }
}
