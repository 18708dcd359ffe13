package io.poolstream.pooling;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * Keeps the kernels free of framework types, so that codecs, pipelines and tools can use them
 * without Spring or Reactor.
 */
class PoolingDependencyTests {

	@Test
	void poolingDependsOnlyOnJavaAndItself() {
		JavaClasses pooling = new ClassFileImporter()
				.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
				.importPackages("io.poolstream.pooling");

		// jspecify's @NullMarked on package-info is the only other allowed dependency, apart from
		// the Vector API in the vector kernels, which the next test checks.
		classes().that().haveSimpleNameNotStartingWith("Vector")
				.should().onlyDependOnClassesThat()
				.resideInAnyPackage("java..", "io.poolstream.pooling", "org.jspecify.annotations")
				.check(pooling);
	}

	@Test
	void vectorKernelsImportOnlyVectorApi() {
		JavaClasses pooling = new ClassFileImporter()
				.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
				.importPackages("io.poolstream.pooling");

		classes().that().haveSimpleNameStartingWith("Vector")
				.should().onlyDependOnClassesThat()
				.resideInAnyPackage("java..", "io.poolstream.pooling", "jdk.incubator.vector")
				.check(pooling);
	}

}
