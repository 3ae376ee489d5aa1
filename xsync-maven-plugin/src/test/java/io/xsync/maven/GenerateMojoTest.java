package io.xsync.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateMojoTest {

    @Test
    void writesOneClassPerModelAndAddsTheDirectoryToTheCompiledSources(@TempDir Path dir) throws Exception {
        GenerateMojo mojo = mojo(dir);
        Path stale = dir.resolve("out/models/Removed.java");
        Files.createDirectories(stale.getParent());
        Files.writeString(stale, "class Removed {}");

        mojo.execute();

        assertThat(dir.resolve("out/models/Person.java")).content().contains("public class Person");
        assertThat(stale).doesNotExist();
        assertThat(mojo.project.getCompileSourceRoots()).containsExactly(dir.resolve("out").toString());
    }

    @Test
    void anXprotoErrorFailsTheBuildNamingTheFile(@TempDir Path dir) throws IOException {
        GenerateMojo mojo = mojo(dir);
        Files.writeString(dir.resolve("models/people.xproto"), "message Person (XOSBase) {\n  required strin name = 1;\n}\n");
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("xsync: ").hasMessageContaining("people.xproto:2");
    }

    private static GenerateMojo mojo(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("models"));
        Files.writeString(dir.resolve("models/people.xproto"),
                "message Person (XOSBase) {\n  required string name = 1 [max_length = 64];\n}\n");
        GenerateMojo mojo = new GenerateMojo();
        mojo.models = dir.resolve("models").toFile();
        mojo.outputDirectory = dir.resolve("out").toFile();
        mojo.javaPackage = "models";
        mojo.project = new MavenProject();
        return mojo;
    }
}
