package org.rushreg.messages.tickets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The code on a ticket: who may enter which event, signed with Ed25519 so that a check-in device holding only the
 * public key can tell a real ticket from a forged or mistyped one without a database, and no device can make one
 * (docs/decisions/0021).
 *
 * <p>Form: {@code T1.<eventId>.<registrationId>.<signature>}, the signature (base64url) over
 * {@code rushreg-ticket-v1|<eventId>|<registrationId>}. Sessions are not in it, so a change of sessions keeps the
 * code; whether the registration still holds a seat is a question for the current list, not for the code. Ed25519
 * signatures are deterministic: the notification-service (email) and the registration-service (manage page, PDF)
 * make the same code from the same key. The {@link Ticket#shortCode() short code} people type is taken from the
 * signature, so it too can only be made with the private key.
 *
 * <p>Signing uses Bouncy Castle's Ed25519: the JDK's (since 15) gives the same signatures at about ten times the
 * CPU (0.6 ms a ticket on the development machine), and one is made for every confirmation email. Any Ed25519
 * implementation verifies them (the JDK's, a browser's WebCrypto).
 */
public final class TicketCode {

    public static final String PREFIX = "T1";

    /** What the signature covers starts with this, so it can never pass for a signature over anything else. */
    private static final String SIGNED_PREFIX = "rushreg-ticket-v1|";

    /** The DER header of an Ed25519 public key in X.509 SubjectPublicKeyInfo form; the 32 key bytes follow. */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();

    /** Crockford's base32: no I, L, O, U, so a code read aloud or typed is not mistaken. */
    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    /** The private key's 32-byte seed, or null for a verifying-only instance. */
    private final byte[] seed;
    private final byte[] publicKey;
    private final boolean ephemeral;

    private TicketCode(byte[] seed, byte[] publicKey, boolean ephemeral) {
        this.seed = seed;
        this.publicKey = publicKey;
        this.ephemeral = ephemeral;
    }

    /**
     * Codes signed with {@code privateKey} (TICKET_SIGNING_KEY: an Ed25519 private key in PKCS#8, base64 or PEM, as
     * {@code openssl genpkey -algorithm ed25519} writes it) or, when it is empty, with a key made up by this
     * process: then {@link #ephemeral()} is true and the caller should warn that codes change at the next start
     * and differ from other processes'.
     *
     * @throws IllegalArgumentException when the key is given but is not an Ed25519 private key
     */
    public static TicketCode withKeyOrRandom(String privateKey) {
        if (privateKey == null || privateKey.isBlank()) {
            byte[] seed = new byte[Ed25519.SECRET_KEY_SIZE];
            new SecureRandom().nextBytes(seed);
            return fromSeed(seed, true);
        }
        return fromSeed(seedOf(privateKey), false);
    }

    /** Codes checked against a public key alone (X.509 SubjectPublicKeyInfo, base64), as a check-in device has it. */
    public static TicketCode verifyingWith(String publicKey) {
        byte[] der = decodeKey(publicKey, "the ticket public key");
        try {
            KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The ticket public key is not an Ed25519 public key in X.509 form "
                    + "(base64); take it from GET /api/tickets/public-key", e);
        }
        return new TicketCode(null, Arrays.copyOfRange(der, X509_PREFIX.length, der.length), false);
    }

    /** A new private key in the form TICKET_SIGNING_KEY takes (PKCS#8, base64), e.g. for a local stack to keep. */
    public static String newPrivateKey() {
        try {
            return Base64.getEncoder().encodeToString(
                    KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this JVM (Java 15 or newer has it)", e);
        }
    }

    /** True when the key was made up by this process: no other process makes or accepts the same codes. */
    public boolean ephemeral() {
        return ephemeral;
    }

    /** The public key (X.509 SubjectPublicKeyInfo, base64) that check-in devices verify codes with. */
    public String publicKey() {
        byte[] der = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + publicKey.length);
        System.arraycopy(publicKey, 0, der, X509_PREFIX.length, publicKey.length);
        return Base64.getEncoder().encodeToString(der);
    }

    /** The ticket of a registration: always the same for the same event, registration and key. */
    public Ticket issue(String eventId, String registrationId) {
        if (seed == null) {
            throw new IllegalStateException("This TicketCode only verifies: it was made from a public key");
        }
        checkPart(eventId, "event id");
        checkPart(registrationId, "registration id");
        byte[] message = signed(eventId, registrationId);
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, signature, 0);
        String code = PREFIX + "." + eventId + "." + registrationId + "." + BASE64URL.encodeToString(signature);
        return new Ticket(eventId, registrationId, code, shortCode(signature));
    }

    /**
     * The ticket a code stands for, when it is one of ours and unchanged; empty for anything else (a forged, altered,
     * mistyped or foreign code, or text that is no code at all). Never throws.
     */
    public Optional<Ticket> verify(String code) {
        if (code == null || code.length() > 512) {
            return Optional.empty();
        }
        String text = code.strip();
        int first = text.indexOf('.');
        int second = first < 0 ? -1 : text.indexOf('.', first + 1);
        int last = text.lastIndexOf('.');
        if (first < 0 || second < 0 || last <= second || !PREFIX.equals(text.substring(0, first))) {
            return Optional.empty();
        }
        String eventId = text.substring(first + 1, second);
        String registrationId = text.substring(second + 1, last);
        byte[] signature;
        try {
            signature = BASE64URL_DECODER.decode(text.substring(last + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (signature.length != Ed25519.SIGNATURE_SIZE || eventId.isEmpty() || registrationId.isEmpty()) {
            return Optional.empty();
        }
        byte[] message = signed(eventId, registrationId);
        if (!Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length)) {
            return Optional.empty();
        }
        return Optional.of(new Ticket(eventId, registrationId, text, shortCode(signature)));
    }

    private static byte[] signed(String eventId, String registrationId) {
        return (SIGNED_PREFIX + eventId + "|" + registrationId).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Ten characters of Crockford base32 (50 bits) from a hash of the signature, as {@code XXXXX-XXXXX}: short enough
     * to read out or type at the door, and unknown to anyone without the private key.
     */
    private static String shortCode(byte[] signature) {
        byte[] digest;
        try {
            digest = java.security.MessageDigest.getInstance("SHA-256").digest(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = bits << 8 | (digest[i] & 0xff);
        }
        StringBuilder out = new StringBuilder(11);
        for (int i = 0; i < 10; i++) {
            if (i == 5) {
                out.append('-');
            }
            out.append(CROCKFORD[(int) (bits >>> (59 - 5 * i)) & 31]);
        }
        return out.toString();
    }

    /** Dots separate the parts of a code, so none may be in an id (event ids are [a-z0-9-], registration ids UUIDs). */
    private static void checkPart(String part, String what) {
        if (part == null || part.isEmpty() || part.indexOf('.') >= 0 || part.indexOf('|') >= 0) {
            throw new IllegalArgumentException("A ticket's " + what + " must be non-empty and hold no '.' or '|': "
                    + part);
        }
    }

    private static byte[] seedOf(String privateKey) {
        byte[] der = decodeKey(privateKey, "TICKET_SIGNING_KEY");
        try {
            var key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
            return ((EdECPrivateKey) key).getBytes().orElseThrow();
        } catch (GeneralSecurityException | ClassCastException | java.util.NoSuchElementException e) {
            throw new IllegalArgumentException("TICKET_SIGNING_KEY is not an Ed25519 private key in PKCS#8 form; make "
                    + "one with: openssl genpkey -algorithm ed25519 -outform DER | base64 -w0", e);
        }
    }

    private static TicketCode fromSeed(byte[] seed, boolean ephemeral) {
        byte[] publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(seed, 0, publicKey, 0);
        return new TicketCode(seed, publicKey, ephemeral);
    }

    /** Base64 (standard or URL-safe) or PEM, line breaks and PEM armour ignored. */
    private static byte[] decodeKey(String key, String what) {
        String body = key.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s+", "");
        try {
            return Base64.getDecoder().decode(body.replace('-', '+').replace('_', '/'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not base64: give the DER bytes in base64 or PEM", e);
        }
    }
}
