package io.bulwark.order;

import io.bulwark.web.security.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerExceptionResolver;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/orders} without Spring MVC's dispatch: under order load, handler mapping, argument
 * resolution, bean validation and content negotiation cost several times what the exchange does with the
 * order (issue 15, W3). It runs last of the servlet filters, so every filter before it (metrics, standby guard,
 * body size, CORS, API key, rate limit, scopes, security headers) has done its work exactly as for any request,
 * and it answers only what it can answer exactly as {@link OrderController#place} does: a body the strict JSON
 * mapper reads into an {@link OrderRequest} that passes the checks its constraints declare ({@link
 * #plainlyValid}), with no {@code Accept} or one that JSON satisfies. Anything else (a malformed body, a
 * field the constraints refuse, another media type) goes on to Spring MVC with the same bytes, which answers
 * it as before, so every refusal keeps its status, code and text. Once the order is submitted, a refusal or
 * failure is rendered by the same exception handler ({@code ApiExceptionHandler}) Spring MVC would call.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class OrderEntryShortcut extends OncePerRequestFilter {
    static final String PATH = "/api/v1/orders";
    /** Bodies this large or larger (or of unknown length) take the ordinary path; an order is about 150 bytes. */
    static final int MAX_BODY = 4096;

    private final OrderActions actions;
    private final HandlerExceptionResolver exceptions;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    OrderEntryShortcut(
            OrderActions actions,
            JsonMapper json,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptions) {
        this.actions = actions;
        this.exceptions = exceptions;
        this.reader = json.readerFor(OrderRequest.class);
        this.writer = json.writerFor(OrderResponse.class);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || !request.getRequestURI().equals(request.getContextPath() + PATH)
                || request.getQueryString() != null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Caller caller = caller();
        int length = request.getContentLength();
        if (caller == null
                || length <= 0
                || length >= MAX_BODY
                || !isJson(request.getContentType())
                || !acceptsJson(request.getHeader(HttpHeaders.ACCEPT))) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(length);
        OrderRequest order = read(body);
        if (order == null || !plainlyValid(order)) {
            chain.doFilter(new ReadAgain(request, body), response);
            return;
        }
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(c -> c.setPathPattern(PATH));
        OrderAnswer<OrderResponse> answer;
        try {
            answer = actions.place(caller, order);
            answer.orThrow();
        } catch (RuntimeException e) {
            refused(request, response, e);
            return;
        }
        byte[] json = OrderResponseWriter.write(answer.value());
        if (json == null) {
            json = writer.writeValueAsBytes(answer.value());
        }
        response.setStatus(answer.status());
        if (answer.status() == 201) {
            response.setHeader(HttpHeaders.LOCATION, PATH + "/" + answer.value().orderId());
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }

    /**
     * Whether the constraints declared on {@link OrderRequest} hold (what {@code @Valid} checks): the same
     * conditions written out, so that what passes here would pass there (OrderEntryShortcutTests compares them).
     */
    static boolean plainlyValid(OrderRequest order) {
        String market = order.market();
        return market != null
                && !market.isBlank()
                && !market.trim().isEmpty()
                && market.length() <= 64
                && order.side() != null
                && order.type() != null
                && order.size() != null
                && (order.clientOrderId() == null || isClientOrderId(order.clientOrderId()));
    }

    private static boolean isClientOrderId(String id) {
        if (id.isEmpty() || id.length() > 64) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean allowed =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    private static Caller caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Caller caller ? caller : null;
    }

    /** {@code application/json}, with no parameter but a UTF-8 charset: what Spring MVC reads as UTF-8 JSON too. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        if (contentType.equalsIgnoreCase(MediaType.APPLICATION_JSON_VALUE)) {
            return true;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (RuntimeException e) {
            return false;
        }
        if (!type.getType().equals("application") || !type.getSubtype().equals("json")) {
            return false;
        }
        var parameters = type.getParameters();
        return parameters.isEmpty() || (parameters.size() == 1 && StandardCharsets.UTF_8.equals(type.getCharset()));
    }

    /** No {@code Accept}, or one that names only JSON or anything: Spring MVC answers {@code application/json}. */
    static boolean acceptsJson(String accept) {
        if (accept == null) {
            return true;
        }
        String a = accept.strip();
        return a.equals("*/*") || a.equalsIgnoreCase(MediaType.APPLICATION_JSON_VALUE);
    }

    /** By the hand-written reader when it is sure of the body, else by the application's JSON mapper. */
    private OrderRequest read(byte[] body) {
        OrderRequest plain = OrderBodyReader.read(body);
        if (plain != null) {
            return plain;
        }
        try {
            return reader.readValue(body);
        } catch (JacksonException | IllegalArgumentException e) {
            return null;
        }
    }

    /** As Spring MVC's dispatch renders an exception a handler threw: through the same resolvers. */
    private void refused(HttpServletRequest request, HttpServletResponse response, RuntimeException e) {
        if (exceptions.resolveException(request, response, null, e) == null) {
            throw e;
        }
        request.setAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE, e);
    }

    /** The request with its body, already read here, to be read again by Spring MVC. */
    private static final class ReadAgain extends HttpServletRequestWrapper {
        private final byte[] body;
        private ServletInputStream stream;

        ReadAgain(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            if (stream == null) {
                ByteArrayInputStream in = new ByteArrayInputStream(body);
                stream = new ServletInputStream() {
                    @Override
                    public int read() {
                        return in.read();
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        return in.read(b, off, len);
                    }

                    @Override
                    public boolean isFinished() {
                        return in.available() == 0;
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        throw new UnsupportedOperationException("blocking reads only");
                    }
                };
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() {
            String charset = getCharacterEncoding() != null ? getCharacterEncoding() : "UTF-8";
            return new BufferedReader(new InputStreamReader(getInputStream(), Charset.forName(charset)));
        }
    }
}
