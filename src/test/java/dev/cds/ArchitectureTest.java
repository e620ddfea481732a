package dev.cds;

import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaModifier;
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

  /** serve's certificate maker and its nested classes: the only code that may touch BouncyCastle. */
  private static final DescribedPredicate<JavaClass> TLS_MAKER =
      nameMatching("dev\\.cds\\.serve\\.TlsIdentity(\\$.*)?").forSubtype();

  /** What ships in cds-ext.jar rather than cds.jar, loaded by dev.cds.core.Extension. */
  private static final DescribedPredicate<JavaClass> IN_EXTENSION_JAR = FHIR_GATEWAY.or(TLS_MAKER)
      .as("the classes of the extension jar (HapiR4Content, TlsIdentity)");

  /** A class or member of the rest of cds that another class loader's classes cannot reach. */
  private static final DescribedPredicate<JavaAccess<?>> NON_PUBLIC_CDS_MEMBER = new DescribedPredicate<>(
      "a class or member of the rest of cds that is not public") {
    @Override
    public boolean test(JavaAccess<?> access) {
      JavaClass owner = access.getTargetOwner();
      if (!owner.getName().startsWith("dev.cds.") || IN_EXTENSION_JAR.test(owner)) {
        return false;
      }
      return !owner.getModifiers().contains(JavaModifier.PUBLIC)
          || access.getTarget().resolveMember().map(m -> !m.getModifiers().contains(JavaModifier.PUBLIC)).orElse(true);
    }
  };

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

  @ArchTest
  static final ArchRule bouncyCastleOnlyInTheTlsMaker = noClasses()
      .that(DescribedPredicate.not(TLS_MAKER))
      .should().dependOnClassesThat().resideInAPackage("org.bouncycastle..")
      .because("BouncyCastle is for cds serve's TLS only, and ships in cds-ext.jar");

  @ArchTest
  static final ArchRule theExtensionJarIsReachedOnlyByName = noClasses()
      .that(DescribedPredicate.not(IN_EXTENSION_JAR))
      .should().dependOnClassesThat(IN_EXTENSION_JAR)
      .because("cds.jar does not hold them: dev.cds.core.Extension loads them by name, callers use their interfaces");

  @ArchTest
  static final ArchRule theExtensionJarUsesOnlyPublicCds = noClasses()
      .that(IN_EXTENSION_JAR)
      .should().accessTargetWhere(NON_PUBLIC_CDS_MEMBER)
      .orShould().dependOnClassesThat(DescribedPredicate.not(IN_EXTENSION_JAR)
          .and(nameMatching("dev\\.cds\\..*").forSubtype())
          .and(DescribedPredicate.describe("not public", (JavaClass c) -> !c.getModifiers().contains(JavaModifier.PUBLIC))))
      .because("under the extension jar's own class loader they are in another runtime package:"
          + " anything else of cds they use must be public");

  /** The control for the rule above: the gateway exists under that name and does reach HAPI. */
  @ArchTest
  static final ArchRule theGatewayUsesHapi = classes()
      .that().haveFullyQualifiedName("dev.cds.validate.HapiR4Content")
      .should().dependOnClassesThat().resideInAnyPackage("ca.uhn.fhir..", "org.hl7.fhir..");
}
