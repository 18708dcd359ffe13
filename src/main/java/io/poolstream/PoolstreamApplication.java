package io.poolstream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts the poolstream service.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PoolstreamApplication {

	public static void main(String[] args) {
		SpringApplication.run(PoolstreamApplication.class, args);
	}

}
