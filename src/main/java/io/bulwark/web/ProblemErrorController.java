package io.bulwark.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's error page: a failure that escapes Spring MVC (the servlet container's own
 * errors, a filter's exception) is still answered as problem+json, with no stack trace.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping(
            path = "${server.error.path:/error}",
            produces = {MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE, MediaType.ALL_VALUE
            })
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatus status = status(request);
        String path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri ? uri : "/";
        String detail = status.is5xxServerError() ? "internal error" : status.getReasonPhrase();
        ProblemDetail problem = Problems.of(status, Problems.defaultCode(status), detail, path);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static HttpStatus status(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code) {
            HttpStatus status = HttpStatus.resolve(code);
            return status != null && status.isError() ? status : HttpStatus.INTERNAL_SERVER_ERROR;
        }
        // Not an error dispatch: someone asked for the error path itself.
        return HttpStatus.NOT_FOUND;
    }
}
