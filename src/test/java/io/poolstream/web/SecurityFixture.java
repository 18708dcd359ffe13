package io.poolstream.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.test.context.DynamicPropertyRegistry;

import io.poolstream.web.security.ApiKeys;

/**
 * API keys and an RSA key pair made fresh for one test class, with the settings that turn
 * access control on. JWTs are signed here and checked by the server against the public key in a
 * local PEM file, so no issuer is ever contacted.
 */
public final class SecurityFixture {

	public final String ingestKey = randomKey();

	public final String otherIngestKey = randomKey();

	public final String readKey = randomKey();

	public final String adminKey = randomKey();

	private final KeyPair signingKeys = rsaKeyPair();

	private final KeyPair strangerKeys = rsaKeyPair();


	/**
	 * Registers the settings for access control with the four keys and JWT bearer tokens.
	 */
	public void register(DynamicPropertyRegistry registry) {
		registry.add("poolstream.security.enabled", () -> "true");
		addKey(registry, 0, "camera-1", this.ingestKey, "ingest");
		addKey(registry, 1, "camera-2", this.otherIngestKey, "ingest");
		addKey(registry, 2, "viewer", this.readKey, "read");
		addKey(registry, 3, "operator", this.adminKey, "admin");
		Path publicKey = writePublicKey();
		registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> publicKey.toUri().toString());
	}

	private static void addKey(DynamicPropertyRegistry registry, int index, String name, String key, String scope) {
		String prefix = "poolstream.security.keys[" + index + "].";
		registry.add(prefix + "name", () -> name);
		registry.add(prefix + "sha256", () -> HexFormat.of().formatHex(ApiKeys.sha256(key)));
		registry.add(prefix + "scopes", () -> scope);
	}

	/**
	 * Signs a JWT with the trusted key pair.
	 */
	String jwt(String subject, String scope, Instant expiresAt) {
		return sign(this.signingKeys, subject, scope, expiresAt);
	}

	/**
	 * Signs a JWT with a key pair that the server does not trust.
	 */
	String jwtFromStranger(String subject, String scope) {
		return sign(this.strangerKeys, subject, scope, Instant.now().plusSeconds(300));
	}

	private static String sign(KeyPair keys, String subject, String scope, Instant expiresAt) {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject)
			.claim("scope", scope)
			.issueTime(java.util.Date.from(Instant.now().minusSeconds(10)))
			.expirationTime(java.util.Date.from(expiresAt))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
		try {
			jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	private Path writePublicKey() {
		String pem = "-----BEGIN PUBLIC KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(this.signingKeys.getPublic().getEncoded())
				+ "\n-----END PUBLIC KEY-----\n";
		try {
			Path file = Files.createTempFile("poolstream-jwt", ".pem");
			file.toFile().deleteOnExit();
			Files.writeString(file, pem);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String randomKey() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static KeyPair rsaKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
