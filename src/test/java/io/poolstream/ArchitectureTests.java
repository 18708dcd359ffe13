package io.poolstream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Enforces the package layering: dependencies point from web down to pooling, never up.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.poolstream");


	@Test
	void poolingImportsOnlyTheJdk() {
		classes().that().resideInAPackage("io.poolstream.pooling..")
			.and().doNotHaveSimpleName("package-info")
			.and().haveSimpleNameNotStartingWith("Vector")
			.should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.poolstream.pooling..")
			.check(CLASSES);
	}

	@Test
	void onlyVectorKernelsImportTheVectorModule() {
		classes().that().resideInAPackage("io.poolstream.pooling..")
			.and().haveSimpleNameStartingWith("Vector")
			.should().onlyDependOnClassesThat()
			.resideInAnyPackage("java..", "jdk.incubator.vector..", "io.poolstream.pooling..")
			.check(CLASSES);
		// VectorClasses serves only the kernels, so it too loads only when they do.
		noClasses().that().haveSimpleNameNotEndingWith("Kernel").and().doNotHaveSimpleName("VectorClasses")
			.should().dependOnClassesThat().resideInAnyPackage("jdk.incubator.vector..")
			.check(CLASSES);
	}

	@Test
	void codecKnowsNeitherSpringNorReactor() {
		noClasses().that().resideInAPackage("io.poolstream.codec..")
			.should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "reactor..",
					"io.poolstream.pipeline..", "io.poolstream.hub..", "io.poolstream.web..")
			.check(CLASSES);
	}

	@Test
	void nothingBelowWebKnowsHttp() {
		noClasses().that().resideInAnyPackage("io.poolstream.pipeline..", "io.poolstream.hub..",
				"io.poolstream.codec..", "io.poolstream.pooling..", "io.poolstream.source..")
			.should().dependOnClassesThat().resideInAnyPackage("org.springframework.http..",
					"org.springframework.web..", "io.poolstream.web..")
			.check(CLASSES);
	}

	@Test
	void pipelineDoesNotDependOnHubOrWeb() {
		noClasses().that().resideInAPackage("io.poolstream.pipeline..")
			.should().dependOnClassesThat().resideInAnyPackage("io.poolstream.hub..", "io.poolstream.web..",
					"io.poolstream.config..")
			.check(CLASSES);
	}

	@Test
	void nothingDependsOnConfigExceptWebAndConfig() {
		noClasses().that().resideInAnyPackage("io.poolstream.pipeline..", "io.poolstream.hub..",
				"io.poolstream.codec..", "io.poolstream.pooling..", "io.poolstream.source..",
				"io.poolstream.transport..", "io.poolstream.client..")
			.should().dependOnClassesThat().resideInAPackage("io.poolstream.config..")
			.check(CLASSES);
	}

}
