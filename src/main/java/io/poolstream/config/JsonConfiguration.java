package io.poolstream.config;

import java.util.List;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

import io.poolstream.web.JsonReadLimits;

/**
 * Builds the JSON mapper that reads request bodies with the parser limits of
 * {@link LimitsProperties}: nesting depth, string, name and number length, and document size.
 *
 * <p>This replaces Spring Boot's {@code jsonMapperBuilder} bean, which backs off when one is
 * defined, because Jackson 3 fixes the parser's constraints when the builder is created. Boot's
 * customizers, which apply the {@code spring.jackson.*} settings, still run on it.
 */
@Configuration(proxyBeanMethods = false)
public class JsonConfiguration {

	@Bean
	JsonReadLimits jsonReadLimits(LimitsProperties limits, Environment environment) {
		DataSize document = environment.getProperty("spring.http.codecs.max-in-memory-size", DataSize.class,
				DataSize.ofKilobytes(256));
		return new JsonReadLimits(limits.maxJsonDepth(), limits.maxJsonStringLength(), limits.maxJsonNameLength(),
				limits.maxJsonNumberLength(), document.toBytes());
	}

	@Bean
	@Scope("prototype")
	JsonMapper.Builder jsonMapperBuilder(JsonReadLimits limits, List<JsonMapperBuilderCustomizer> customizers) {
		JsonMapper.Builder builder = limits.newMapperBuilder();
		// A property given twice is rejected, as a repeated query parameter is, instead of the last
		// value silently replacing the first.
		builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
		for (JsonMapperBuilderCustomizer customizer : customizers) {
			customizer.customize(builder);
		}
		return builder;
	}

}
