# syntax=docker/dockerfile:1
# Bulwark: build the Spring Boot jar with the Maven wrapper, run it on a JRE as a non-root user.
#   docker build -t bulwark .
#   docker run -p 8080:8080 -e SPRING_DATASOURCE_URL=jdbc:postgresql://db:5432/bulwark \
#     -e SPRING_DATASOURCE_USERNAME=... -e SPRING_DATASOURCE_PASSWORD=... bulwark
# (docker-compose.yml runs it with PostgreSQL and Prometheus.)

FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY src/ src/
COPY db-migrations/ db-migrations/
# The cache mount keeps the Maven distribution and dependencies between builds. Formatting is checked by CI
# (.ci/run), not here.
RUN --mount=type=cache,target=/root/.m2 \
    chmod +x mvnw \
    && ./mvnw -B -DskipTests -Dspotless.check.skip=true package \
    && mkdir /out \
    && cp target/bulwark-*.jar /out/bulwark.jar

FROM eclipse-temurin:21-jre
RUN groupadd --system bulwark \
    && useradd --system --gid bulwark --home-dir /app --shell /usr/sbin/nologin bulwark \
    && mkdir /app \
    && chown bulwark:bulwark /app
# Owned by the app user: without SPRING_DATASOURCE_URL the app keeps an embedded database in /app/.bulwark.
WORKDIR /app
COPY --from=build --chown=bulwark:bulwark /out/bulwark.jar /app/bulwark.jar
USER bulwark
# 8080: the API (and /livez, /readyz); 8081: metrics and the actuator (MANAGEMENT_SERVER_PORT), keep it internal.
EXPOSE 8080 8081
# Liveness, not readiness: a standby instance is healthy while it waits for the writer lease. Plain bash, since
# the JRE image does not promise curl.
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${SERVER_PORT:-8080} && printf 'GET /livez HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# Exec form: the JVM is PID 1 and gets SIGTERM itself, for a graceful shutdown (drain, commit, snapshot).
# Extra JVM flags go in JAVA_TOOL_OPTIONS.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/bulwark.jar"]
