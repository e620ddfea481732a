package dev.cds;

import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The architecture of DESIGN.md and STYLE.md as rules over the compiled main classes: packages by
 * capability without cycles, picocli only in the command layer, one ObjectMapper kept in core,
 * HAPI behind the validator's one FHIR class (it costs about a second to load).
 */
@AnalyzeClasses(packages = "dev.cds", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  /** validate's FHIR gateway and its nested classes: the only code that may touch HAPI. */
  private static final DescribedPredicate<JavaClass> FHIR_GATEWAY =
      nameMatching("dev\\.cds\\.validate\\.HapiR4Content(\\$.*)?").forSubtype();

  /** A read of the shared mapper, however it is spelled ({@code Json.MAPPER}, {@code LazyMapper.MAPPER}). */
  private static final DescribedPredicate<JavaFieldAccess> SHARED_MAPPER = new DescribedPredicate<>(
      "the shared ObjectMapper (Json.MAPPER)") {
    @Override
    public boolean test(JavaFieldAccess access) {
      return access.getTarget().getName().equals("MAPPER")
          && access.getTarget().getOwner().getName().matches("dev\\.cds\\.core\\.(Json|LazyMapper)");
    }
  };

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("dev.cds.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule picocliOnlyInCli = noClasses()
      .that().resideOutsideOfPackage("dev.cds.cli..")
      .should().dependOnClassesThat().resideInAPackage("picocli..")
      .because("only cli knows the command line; capability classes take plain values");

  @ArchTest
  static final ArchRule sharedMapperOnlyInCore = noClasses()
      .that().resideOutsideOfPackage("dev.cds.core..")
      .should().accessFieldWhere(SHARED_MAPPER)
      .orShould().dependOnClassesThat().haveFullyQualifiedName("com.fasterxml.jackson.databind.ObjectMapper")
      .because("core configures the one mapper and builds it lazily (start-up); others use Json's methods");

  @ArchTest
  static final ArchRule hapiOnlyBehindTheFhirGateway = noClasses()
      .that(DescribedPredicate.not(FHIR_GATEWAY))
      .should().dependOnClassesThat().resideInAnyPackage("ca.uhn.fhir..", "org.hl7.fhir..")
      .because("HAPI costs about a second to load: only validate's FHIR class may reach it");

  /** The control for the rule above: the gateway exists under that name and does reach HAPI. */
  @ArchTest
  static final ArchRule theGatewayUsesHapi = classes()
      .that().haveFullyQualifiedName("dev.cds.validate.HapiR4Content")
      .should().dependOnClassesThat().resideInAnyPackage("ca.uhn.fhir..", "org.hl7.fhir..");
}
