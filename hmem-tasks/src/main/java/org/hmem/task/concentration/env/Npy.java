package org.hmem.task.concentration.env;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of numpy's {@code .npy} format the reference's deck file uses: a 2-D, C-order, little-endian float64
 * array ({@code '<f8'}). Written as format version 1.0 (magic {@code \x93NUMPY}, version bytes 1 0, a little-endian
 * 16-bit header length, the header dict padded with spaces and ended by a newline so that the data starts at a
 * multiple of 64 bytes), exactly as {@code numpy.save} writes it; versions 2.0 and 3.0 (32-bit header length) are
 * read too. Any other content is rejected with a message that names the file.
 */
final class Npy {

    /** A 2-D float64 array, row-major. */
    record Matrix(int rows, int cols, double[] values) {
    }

    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGNMENT = 64;
    private static final int PREAMBLE_V1 = MAGIC.length + 2 + 2;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** Writes {@code values} as a {@code rows x cols} float64 array in format version 1.0. */
    static void write(OutputStream out, int rows, int cols, double[] values) throws IOException {
        if (values.length != (long) rows * cols) {
            throw new IllegalArgumentException(values.length + " values for shape (" + rows + ", " + cols + ")");
        }
        StringBuilder header = new StringBuilder("{'descr': '<f8', 'fortran_order': False, 'shape': (")
                .append(rows).append(", ").append(cols).append("), }");
        while ((PREAMBLE_V1 + header.length() + 1) % ALIGNMENT != 0) {
            header.append(' ');
        }
        header.append('\n');
        ByteBuffer buf = ByteBuffer.allocate(PREAMBLE_V1 + header.length() + 8 * values.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        buf.put(header.toString().getBytes(StandardCharsets.US_ASCII));
        for (double v : values) {
            buf.putDouble(v);
        }
        out.write(buf.array());
    }

    /**
     * Reads a 2-D float64 array.
     *
     * @throws IllegalArgumentException if the file is not a {@code .npy} file, is truncated, or holds another dtype,
     *                                  order or number of dimensions; the message names the file
     * @throws IOException              if it cannot be read
     */
    static Matrix read(Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (buf.remaining() < PREAMBLE_V1 || !buf.slice(0, MAGIC.length).equals(ByteBuffer.wrap(MAGIC))) {
            throw bad(file, "it is not a .npy file (it does not start with \\x93NUMPY)");
        }
        buf.position(MAGIC.length);
        int major = buf.get(), minor = buf.get();
        long headerLength;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(buf.getShort());
        } else if ((major == 2 || major == 3) && buf.remaining() >= 4) {
            headerLength = Integer.toUnsignedLong(buf.getInt());
        } else {
            throw bad(file, "it has .npy format version " + major + "." + minor + ", which is not 1.0, 2.0 or 3.0");
        }
        if (headerLength > buf.remaining()) {
            throw bad(file, "it is truncated inside its header");
        }
        byte[] headerBytes = new byte[(int) headerLength];
        buf.get(headerBytes);
        String header = new String(headerBytes, StandardCharsets.UTF_8);
        String descr = find(DESCR, header, file, "dtype ('descr')");
        if (!descr.equals("<f8")) {
            throw bad(file, "it holds dtype '" + descr + "', not little-endian float64 ('<f8')");
        }
        if (find(FORTRAN, header, file, "'fortran_order'").equals("True")) {
            throw bad(file, "it is stored in Fortran order, not C order");
        }
        String shapeText = find(SHAPE, header, file, "'shape'");
        long[] shape = new long[2];
        int ndim = 0;
        for (String d : shapeText.split(",")) {
            if (d.isBlank()) {
                continue;
            }
            if (ndim == 2) {
                throw bad(file, "it holds an array of more than 2 dimensions: (" + shapeText + ")");
            }
            try {
                shape[ndim++] = Long.parseLong(d.trim());
            } catch (NumberFormatException e) {
                throw bad(file, "its header has an unreadable shape '(" + shapeText + ")'");
            }
        }
        if (ndim != 2) {
            throw bad(file, "it holds an array of " + ndim + " dimensions, not a 2-D (images x values) array");
        }
        long count = shape[0] * shape[1];
        if (count * 8 != buf.remaining()) {
            throw bad(file, "shape (" + shape[0] + ", " + shape[1] + ") needs " + count * 8 + " data bytes but it has "
                    + buf.remaining() + " (truncated or damaged)");
        }
        double[] values = new double[(int) count];
        buf.asDoubleBuffer().get(values);
        return new Matrix((int) shape[0], (int) shape[1], values);
    }

    private static String find(Pattern p, String header, Path file, String what) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw bad(file, "its header has no " + what + ": " + header.strip());
        }
        return m.group(1);
    }

    private static IllegalArgumentException bad(Path file, String why) {
        return new IllegalArgumentException("cannot read " + file + ": " + why);
    }
}
