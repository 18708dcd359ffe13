# poolstream image: builds the jar with Maven, then runs it on a Java 17 runtime.
# Used by docker-compose.yml; `docker build -t poolstream .` builds it alone.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first, so a change to the sources does not download them again.
COPY pom.xml ./
COPY .mvn .mvn
RUN mvn -q dependency:go-offline
COPY src src
# Tests need the shared test data beside the project, which the image does not have; CI runs them.
RUN mvn -q -Dmaven.test.skip=true package

# The JDK image rather than the JRE one, because the pooling kernels need the incubating module
# jdk.incubator.vector, and a JVM that is told to load a module it lacks does not start.
FROM eclipse-temurin:17-jdk
RUN useradd --system --uid 10001 --home-dir /app poolstream
WORKDIR /app
COPY --from=build /src/target/poolstream-0.1.0-SNAPSHOT.jar poolstream.jar
# The service reads ./application.yml from its working directory, as it does under mvn spring-boot:run.
COPY application.yml ./
USER poolstream
EXPOSE 8080
# Without --add-modules the service falls back to the scalar kernels, several times slower.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+UseTransparentHugePages", \
    "--add-modules", "jdk.incubator.vector", "-jar", "/app/poolstream.jar"]
