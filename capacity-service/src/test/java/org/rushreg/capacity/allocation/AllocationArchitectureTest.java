package org.rushreg.capacity.allocation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.rushreg.capacity", importOptions = ImportOption.DoNotIncludeTests.class)
class AllocationArchitectureTest {

    @ArchTest
    static final ArchRule allocationRulesKnowNoFramework = noClasses()
            .that().resideInAPackage("org.rushreg.capacity.allocation..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..")
            .because("the seat allocation rules are a plain state machine (DESIGN.md §2, §9)");
}
