package dev.dragonpool.bench.agent;

import dev.dragonpool.annotations.Pooled;
import dev.dragonpool.annotations.Retained;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The expensive-to-construct {@code @Pooled} class of {@link AgentBench}, shaped like a protocol
 * record encoder: what its constructor sets up is what pooling saves, and its use is small and the
 * same with and without the agent. Setup, all four fields {@code @Retained}: a 4 KiB output
 * buffer, a compiled header {@link Pattern} (its {@link Matcher}), a SHA-256
 * {@link MessageDigest} and an AES {@link Cipher} keyed at construction. Without the agent every
 * {@code new} pays for all four (provider lookups, key expansion, regex compilation, a zeroed
 * buffer); under the agent a recycled instance keeps them and the constructor only resets the
 * digest. One use ({@link #encode}) encrypts one 16-byte block of the buffer, hashes it and
 * matches one header line: per-use work both sides do.
 *
 * <p>The cipher is AES in ECB mode because a use encrypts exactly one block with a fixed
 * benchmark key; it models "a cipher keyed at construction", not a protocol to copy.
 */
@Pooled
public class ExpensivePooled {
  /** Size of the retained buffer. */
  public static final int BUFFER_BYTES = 4096;

  /** The header syntax the constructor compiles: {@code Name: value}. */
  static final String HEADER_REGEX = "([A-Za-z][A-Za-z0-9-]*):[ \\t]*([^\\r\\n]*)";

  private static final String[] LINES = {
    "Host: example.org", "Accept: */*", "Content-Length: 4096", "not a header"
  };

  private static final byte[] KEY = {
    0x2b, 0x7e, 0x15, 0x16, 0x28, (byte) 0xae, (byte) 0xd2, (byte) 0xa6,
    (byte) 0xab, (byte) 0xf7, 0x15, (byte) 0x88, 0x09, (byte) 0xcf, 0x4f, 0x3c
  };

  @Retained byte[] buffer;
  @Retained Matcher header;
  @Retained MessageDigest digest;
  @Retained Cipher cipher;
  int length;

  /**
   * Sets up the buffer, the pattern, the digest and the cipher unless retained, and starts at
   * position {@code start}.
   *
   * @param start first write position
   */
  public ExpensivePooled(int start) {
    if (buffer == null) {
      buffer = new byte[BUFFER_BYTES];
    }
    if (header == null) {
      header = Pattern.compile(HEADER_REGEX).matcher("");
    }
    try {
      if (digest == null) {
        digest = MessageDigest.getInstance("SHA-256");
      } else {
        digest.reset();
      }
      if (cipher == null) {
        Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"));
        cipher = c;
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK lacks SHA-256 or AES/ECB/NoPadding", e);
    }
    length = start & (BUFFER_BYTES - 1);
  }

  /**
   * Writes {@code v} into the buffer, encrypts that block into the next one, hashes it and checks
   * one header line, like an encoder would.
   *
   * @param v a value
   * @return the new length, negative when the header line did not match
   */
  public int encode(int v) {
    int p = length & (BUFFER_BYTES - 32);
    buffer[p] = (byte) v;
    try {
      cipher.update(buffer, p, 16, buffer, p + 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES block encryption failed", e);
    }
    digest.update(buffer, p + 16, 16);
    boolean header = this.header.reset(LINES[v & 3]).matches();
    length += 32;
    return header ? length : -length;
  }
}
