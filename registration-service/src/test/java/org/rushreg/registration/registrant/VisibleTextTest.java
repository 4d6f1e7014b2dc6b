package org.rushreg.registration.registrant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rule itself, over every code point: letters and marks of every script pass, Cc, Cf and Cs do not. */
class VisibleTextTest {

    @Test
    void everyLetterMarkDigitAndSpaceOfEveryScriptPasses() {
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            if (Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK
                    || Character.getType(c) == Character.COMBINING_SPACING_MARK || Character.isSpaceChar(c)) {
                assertThat(VisibleText.Check.firstHidden(Character.toString(c))).as("U+%04X", c).isEqualTo(-1);
            }
        }
    }

    @Test
    void everyControlFormatAndLoneSurrogateCharacterIsFoundWhereverItIs() {
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE) {
                assertThat(VisibleText.Check.firstHidden("Łu" + Character.toString(c) + "kasz")).as("U+%04X", c)
                        .isEqualTo(c);
            }
        }
    }

    @Test
    void namesAsPeopleWriteThemPass() {
        for (String name : new String[]{"Zażółć Gęślą Jaźń", "O'Brien", "Müller-Lüdenscheidt", "Ивана", "Ελένη",
                "山田 太郎", "𠜎𠜱", "Nguyễn", "José"}) {
            assertThat(VisibleText.Check.firstHidden(name)).as(name).isEqualTo(-1);
        }
        assertThat(VisibleText.Check.firstHidden(null)).isEqualTo(-1);
    }
}
