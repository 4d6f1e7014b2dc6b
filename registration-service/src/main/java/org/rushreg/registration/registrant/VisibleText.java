package org.rushreg.registration.registrant;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Text a person typed (a name, an organisation, an email address) as the organiser's pages and the CSV will show
 * it: no control characters (Unicode category Cc: NUL, line breaks, tabs, escape), no format characters (Cf:
 * bidirectional overrides such as U+202E that make a name read backwards, zero-width characters such as U+200B that
 * make two names look alike) and no lone surrogates (Cs: not text at all). Letters, marks, digits, punctuation,
 * symbols and spaces of every script pass. Both ways to the registration POST (the filter and the controller) and
 * the web form check it through Bean Validation.
 */
@Documented
@Constraint(validatedBy = VisibleText.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface VisibleText {

    String message() default "must not contain control, format or bidirectional characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The rule, in plain Java; the message names the first character refused and says what to do. */
    final class Check implements ConstraintValidator<VisibleText, String> {

        @Override
        public boolean isValid(String text, ConstraintValidatorContext context) {
            int hidden = firstHidden(text);
            if (hidden < 0) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(String.format("must not contain the character U+%04X "
                    + "(control, format and bidirectional characters are not allowed); type the text again "
                    + "without it", hidden)).addConstraintViolation();
            return false;
        }

        /** The first code point of the text that is a control, format or lone surrogate character; -1 if none. */
        static int firstHidden(CharSequence text) {
            if (text == null) {
                return -1;
            }
            for (int i = 0; i < text.length(); ) {
                int c = Character.codePointAt(text, i);
                int type = Character.getType(c);
                if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE) {
                    return c;
                }
                i += Character.charCount(c);
            }
            return -1;
        }
    }
}
