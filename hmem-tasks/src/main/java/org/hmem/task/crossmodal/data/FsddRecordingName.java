package org.hmem.task.crossmodal.data;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of an FSDD file name {@code <digit>_<speaker>_<index>.wav}: the label is the digit (the reference takes
 * the first character), the split is decided by the recording index (spec §6.3).
 *
 * @param file the file name
 * @param digit the spoken digit, 0..9
 * @param speaker the speaker's name
 * @param index the recording index of this speaker and digit (0..49 in v1.0.10)
 */
public record FsddRecordingName(String file, int digit, String speaker, int index) {

    /** The glob of the reference ({@code *_*_*.wav}): every such file in the folder is a recording. */
    public static final String GLOB = "*_*_*.wav";

    private static final Pattern NAME = Pattern.compile("([0-9])_(.+)_([0-9]{1,9})\\.wav");

    /**
     * Parses {@code file}, a name matching {@link #GLOB}.
     *
     * @throws CrossModalDataException if it is not {@code <digit>_<speaker>_<index>.wav}
     */
    public static FsddRecordingName parse(String file) {
        Matcher m = NAME.matcher(file);
        if (!m.matches()) {
            throw new CrossModalDataException("FSDD: the file name " + file
                    + " is not <digit>_<speaker>_<index>.wav (e.g. 7_theo_10.wav); remove or rename it");
        }
        return new FsddRecordingName(file, m.group(1).charAt(0) - '0', m.group(2), Integer.parseInt(m.group(3)));
    }
}
