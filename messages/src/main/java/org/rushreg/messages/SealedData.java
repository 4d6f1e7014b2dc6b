package org.rushreg.messages;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Personal data sealed for one reader (decision 0050): only the holder of the private key of {@code publicKey} can
 * open it, so once that key is dropped nobody can, wherever the sealed bytes are kept. ECIES with the JDK's own
 * providers: an ephemeral P-256 key pair per seal, ECDH with the reader's key, SHA-256 over the shared secret and
 * both public keys as the AES-256 key (fresh per seal), AES-GCM, which also detects any change to the sealed bytes.
 * <p>
 * Sealed form, Base64: version (1 byte), length of the ephemeral public key (2 bytes), that key (X.509), the GCM
 * nonce (12 bytes), the ciphertext with its tag.
 */
public final class SealedData {

    private static final byte VERSION = 1;
    private static final String CURVE = "secp256r1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] CONTEXT = "rushreg sealed data v1".getBytes(StandardCharsets.UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();

    private SealedData() {
    }

    /** A key pair for one reader; its private key should live no longer than the reader's wait. */
    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(CURVE), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK cannot make P-256 keys: " + e.getMessage(), e);
        }
    }

    /** The public key as messages carry it: Base64 of its X.509 encoding. */
    public static String publicKeyText(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** Whether {@link #seal} can seal for {@code publicKeyText}. */
    public static boolean isUsablePublicKey(String publicKeyText) {
        try {
            publicKey(publicKeyText);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Seals {@code plaintext} for the holder of the private key of {@code publicKeyText}; an
     * {@link IllegalArgumentException} when that is no P-256 public key as {@link #publicKeyText} writes it.
     */
    public static String seal(byte[] plaintext, String publicKeyText) {
        PublicKey reader = publicKey(publicKeyText);
        try {
            KeyPair ephemeral = newKeyPair();
            byte[] ephemeralKey = ephemeral.getPublic().getEncoded();
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE,
                    contentKey(ephemeral.getPrivate(), reader, ephemeralKey, reader.getEncoded()),
                    new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(ephemeralKey);
            byte[] ciphertext = cipher.doFinal(plaintext);
            ByteBuffer sealed = ByteBuffer.allocate(3 + ephemeralKey.length + NONCE_BYTES + ciphertext.length);
            sealed.put(VERSION).putShort((short) ephemeralKey.length).put(ephemeralKey).put(nonce).put(ciphertext);
            return Base64.getEncoder().encodeToString(sealed.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Sealing failed: " + e.getMessage(), e);
        }
    }

    /**
     * The plaintext of {@code sealed}; an {@link IllegalArgumentException} when it was not sealed for {@code key},
     * was changed or is not in the sealed form.
     */
    public static byte[] open(String sealed, KeyPair key) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(sealed == null ? "" : sealed));
            if (bytes.remaining() < 3 || bytes.get() != VERSION) {
                throw new IllegalArgumentException("Not sealed data of version " + VERSION);
            }
            byte[] ephemeralKey = new byte[bytes.getShort() & 0xffff];
            byte[] nonce = new byte[NONCE_BYTES];
            bytes.get(ephemeralKey).get(nonce);
            byte[] ciphertext = new byte[bytes.remaining()];
            bytes.get(ciphertext);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, contentKey(key.getPrivate(), publicKey(ephemeralKey), ephemeralKey,
                    key.getPublic().getEncoded()), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(ephemeralKey);
            return cipher.doFinal(ciphertext);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("Sealed data cannot be opened with this key (sealed for another key, "
                    + "changed, or malformed)", e);
        }
    }

    private static SecretKeySpec contentKey(PrivateKey own, PublicKey other, byte[] ephemeralKey, byte[] readerKey)
            throws GeneralSecurityException {
        KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(own);
        agreement.doPhase(other, true);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(agreement.generateSecret());
        digest.update(CONTEXT);
        digest.update(ephemeralKey);
        digest.update(readerKey);
        return new SecretKeySpec(digest.digest(), "AES");
    }

    private static PublicKey publicKey(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("No public key to seal for");
        }
        try {
            return publicKey(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a P-256 public key (Base64 of its X.509 encoding)", e);
        }
    }

    private static PublicKey publicKey(byte[] encoded) {
        try {
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(encoded));
            if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
                throw new IllegalArgumentException("Not a P-256 public key");
            }
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not a P-256 public key (Base64 of its X.509 encoding)", e);
        }
    }
}
