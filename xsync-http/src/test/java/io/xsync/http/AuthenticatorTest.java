package io.xsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsync.http.Authenticator.Result;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
    private final Authenticator auth = new Authenticator(
            HttpSettings.defaults().withBasicAuth("admin", "pw").withToken("tok"));

    @Test
    void anonymousReadsButNotWritesByDefault() {
        assertThat(auth.check(null, false)).isEqualTo(Result.ALLOWED);
        assertThat(auth.check(null, true)).isEqualTo(Result.MISSING);
    }

    @Test
    void acceptsBasicAndBearer() {
        assertThat(auth.check(HttpFixture.basic("admin", "pw"), true)).isEqualTo(Result.ALLOWED);
        assertThat(auth.check("Bearer tok", true)).isEqualTo(Result.ALLOWED);
        assertThat(auth.check("bearer tok", true)).isEqualTo(Result.ALLOWED);
    }

    @Test
    void refusesWrongOrMalformedCredentialsEvenForReads() {
        assertThat(auth.check(HttpFixture.basic("admin", "nope"), false)).isEqualTo(Result.BAD);
        assertThat(auth.check(HttpFixture.basic("root", "pw"), false)).isEqualTo(Result.BAD);
        assertThat(auth.check("Bearer tok2", false)).isEqualTo(Result.BAD);
        assertThat(auth.check("Basic !!!", false)).isEqualTo(Result.BAD);
        assertThat(auth.check("Digest x", false)).isEqualTo(Result.BAD);
        assertThat(auth.check("garbage", false)).isEqualTo(Result.BAD);
    }

    @Test
    void passwordMayContainColons() {
        Authenticator a = new Authenticator(HttpSettings.defaults().withBasicAuth("u", "a:b:c"));
        assertThat(a.check(HttpFixture.basic("u", "a:b:c"), true)).isEqualTo(Result.ALLOWED);
    }

    @Test
    void noTokenConfiguredRefusesEveryBearer() {
        Authenticator a = new Authenticator(HttpSettings.defaults());
        assertThat(a.check("Bearer ", true)).isEqualTo(Result.BAD);
        assertThat(a.check("Bearer x", true)).isEqualTo(Result.BAD);
    }
}
