package io.bulwark.web;

import io.bulwark.journal.CommandTimedOutException;
import io.bulwark.journal.CommitFailedException;
import io.bulwark.journal.EngineUnavailableException;
import io.bulwark.journal.NotWriterException;
import io.bulwark.journal.OutcomeUnknownException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every failure of a request as RFC 9457 problem+json with a {@code code}. Spring MVC's own exceptions
 * (404, 405, 415, bad parameters...) come through the base class and get their code here; nothing a
 * client sends can reach the last handler, which logs and answers 500 without internals.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> api(ApiException ex, WebRequest request) {
        return problem(ex.problem(), new HttpHeaders(), request);
    }

    /** Standby, recovering, reply timeout, failed or unknown commit: 503 with {@link UnavailableProblems}' code. */
    @ExceptionHandler({
        NotWriterException.class,
        EngineUnavailableException.class,
        CommandTimedOutException.class,
        CommitFailedException.class,
        OutcomeUnknownException.class
    })
    ResponseEntity<Object> unavailable(RuntimeException ex, WebRequest request) {
        return unavailable(UnavailableProblems.of(ex).orElseThrow(), request);
    }

    /**
     * The database did not answer a read (or a read-model query after a journaled command): 503, never a
     * 500. The command itself may have been journaled, so the detail tells the client to look first.
     */
    @ExceptionHandler({
        org.springframework.dao.DataAccessException.class,
        org.springframework.transaction.TransactionException.class,
        jakarta.persistence.PersistenceException.class,
        java.sql.SQLException.class
    })
    ResponseEntity<Object> databaseUnavailable(Exception ex, WebRequest request) {
        log.warn("Database unavailable on {}: {}", describe(request), ex.toString());
        return unavailable(
                Problems.of(
                        HttpStatus.SERVICE_UNAVAILABLE, "DATABASE_UNAVAILABLE", UnavailableProblems.DATABASE_DETAIL),
                request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraint(ConstraintViolationException ex, WebRequest request) {
        String detail = ex.getConstraintViolations().stream()
                .map(v -> lastNode(v.getPropertyPath().toString()) + ": " + v.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return problem(Problems.of(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", detail), new HttpHeaders(), request);
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> unauthenticated(AuthenticationException ex, WebRequest request) {
        return problem(
                Problems.of(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "a valid API key is required"),
                new HttpHeaders(),
                request);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> forbidden(AccessDeniedException ex, WebRequest request) {
        return problem(
                Problems.of(HttpStatus.FORBIDDEN, "FORBIDDEN", "this key's role may not do this"),
                new HttpHeaders(),
                request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
        String incident = UUID.randomUUID().toString();
        log.error("Unexpected failure {} on {}", incident, describe(request), ex);
        return problem(
                Problems.of(
                        HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "internal error, reference " + incident),
                new HttpHeaders(),
                request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(JsonInputErrors.describe(ex), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<ApiException.FieldProblem> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> new ApiException.FieldProblem(e.getField(), message(e)))
                .sorted(Comparator.comparing(ApiException.FieldProblem::field))
                .toList();
        String detail = errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        if (detail.isEmpty()) {
            detail = ex.getBindingResult().getGlobalErrors().stream()
                    .map(DefaultMessageSourceResolvable::getDefaultMessage)
                    .collect(Collectors.joining("; "));
        }
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", detail);
        problem.setProperty("errors", errors);
        return problem(problem, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = ex.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream()
                        .map(e -> r.getMethodParameter().getParameterName() + ": " + e.getDefaultMessage()))
                .sorted()
                .collect(Collectors.joining("; "));
        return problem(Problems.of(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", detail), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(
                Problems.of(HttpStatus.NOT_FOUND, "NOT_FOUND", "no endpoint " + describe(request)), headers, request);
    }

    /** Gives Spring MVC's own problems (404, 405, 415, type mismatches...) their code and instance. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail p ? p : ProblemDetail.forStatus(status);
        if (problem.getProperties() == null || !problem.getProperties().containsKey(Problems.CODE)) {
            problem.setProperty(Problems.CODE, Problems.defaultCode(status));
        }
        if (status.is5xxServerError()) {
            log.error("Request failed with {} on {}", status, describe(request), ex);
            problem.setDetail("internal error");
        }
        return problem(problem, headers, request);
    }

    private ResponseEntity<Object> unavailable(ProblemDetail problem, WebRequest request) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "1");
        return problem(problem, headers, request);
    }

    private static ResponseEntity<Object> problem(ProblemDetail problem, HttpHeaders headers, WebRequest request) {
        if (problem.getInstance() == null && request instanceof ServletWebRequest servlet) {
            problem.setInstance(Problems.instance(servlet.getRequest().getRequestURI()));
        }
        return ResponseEntity.status(problem.getStatus()).headers(headers).body(problem);
    }

    private static String message(FieldError error) {
        if (error.isBindingFailure()) {
            return "has the wrong type";
        }
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static String describe(WebRequest request) {
        if (request instanceof ServletWebRequest servlet) {
            HttpServletRequest r = servlet.getRequest();
            return r.getMethod() + " " + r.getRequestURI();
        }
        return request.getDescription(false);
    }
}
