package io.xsync.maven;

import io.xsync.api.XsyncException;
import io.xsync.runtime.codegen.ModelClassGenerator;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Goal {@code generate}: writes one typed Java class per model of the project's xproto files
 * (the classes steps use, such as {@code models.MyModel}) into
 * {@code target/generated-sources/xsync} and adds that directory to the sources Maven compiles.
 * Runs in {@code generate-sources}; a model removed from the xproto files loses its class, since
 * the output directory is written afresh each time.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public final class GenerateMojo extends AbstractMojo {

    /** The xproto files: a directory (its {@code *.xproto} files) or one file. */
    @Parameter(property = "xsync.models", defaultValue = "${project.basedir}/models")
    File models;

    /** Where the generated sources go; added as a compile source root. */
    @Parameter(property = "xsync.generatedSources", defaultValue = "${project.build.directory}/generated-sources/xsync")
    File outputDirectory;

    /** The Java package of the generated classes. */
    @Parameter(property = "xsync.package", defaultValue = ModelClassGenerator.DEFAULT_PACKAGE)
    String javaPackage;

    /** Skips the goal. */
    @Parameter(property = "xsync.generate.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping the generation of model classes (xsync.generate.skip)");
            return;
        }
        if (!models.exists()) {
            throw new MojoFailureException("xsync: models " + models + " does not exist (set <models> in the "
                    + "plugin's configuration to the directory of the xproto files)");
        }
        Path out = outputDirectory.toPath();
        List<Path> written;
        try {
            deleteTree(out);
            written = ModelClassGenerator.generate(List.of(models.toPath()), out, javaPackage);
        } catch (XsyncException e) {
            throw new MojoFailureException("xsync: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("xsync: cannot clear " + out + ": " + e.getMessage(), e);
        }
        project.addCompileSourceRoot(out.toString());
        getLog().info("Generated " + written.size() + " model class(es) in package " + javaPackage + " from "
                + models + " into " + out);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
