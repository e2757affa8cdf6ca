package dev.callcoach.contracts.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Numbers are libphonenumber's own examples for their type or well-known public formats, so the tests
 * follow the metadata rather than guesses about numbering plans.
 */
class PhoneRulesTest {

    private final PhoneRules rules = new PhoneRules();

    @ParameterizedTest(name = "{0} [{1}] -> {2} {4}")
    @CsvSource(delimiter = '|', textBlock = """
            # input                  | selected | e164           | region | line type
            (201) 555-0123           | US       | +12015550123   | US     | FIXED_LINE_OR_MOBILE
            201.555.0123             | US       | +12015550123   | US     | FIXED_LINE_OR_MOBILE
            1 212 736 5000           | US       | +12127365000   | US     | FIXED_LINE_OR_MOBILE
            +1 (650) 253-0000        | IN       | +16502530000   | US     | FIXED_LINE_OR_MOBILE
            +12015550123             |          | +12015550123   | US     | FIXED_LINE_OR_MOBILE
            0412 345 678             | AU       | +61412345678   | AU     | MOBILE
            0412345678               | au       | +61412345678   | AU     | MOBILE
            +61 412 345 678          | US       | +61412345678   | AU     | MOBILE
            (02) 9374 4000           | AU       | +61293744000   | AU     | FIXED_LINE
            +61 3 9654 1234          |          | +61396541234   | AU     | FIXED_LINE
            098765 43210             | IN       | +919876543210  | IN     | MOBILE
            98765 43210              | IN       | +919876543210  | IN     | MOBILE
            +91 81234 56789          | AU       | +918123456789  | IN     | MOBILE
            011 2345 6789            | IN       | +911123456789  | IN     | FIXED_LINE
            +91 80 2222 3333         |          | +918022223333  | IN     | FIXED_LINE
            074104 10123             | IN       | +917410410123  | IN     | FIXED_LINE_OR_MOBILE
            """)
    void acceptsMobileAndLandlineNumbersOfTheAllowedRegions(
            String input, String selected, String e164, String region, LineType lineType) {
        assertThat(rules.check(input, selected)).isEqualTo(new PhoneCheck.Valid(e164, region, lineType));
    }

    @ParameterizedTest(name = "{0} [{1}] -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # input                  | selected | reason               | message
            1-800-234-5678           | US       | TOLL_FREE            | Toll-free numbers can't be called. Enter a mobile or landline number.
            1-800-FLOWERS            | US       | TOLL_FREE            | Toll-free numbers can't be called. Enter a mobile or landline number.
            1800 123 456             | AU       | TOLL_FREE            | Toll-free numbers can't be called. Enter a mobile or landline number.
            1800 123 4567            | IN       | TOLL_FREE            | Toll-free numbers can't be called. Enter a mobile or landline number.
            1-900-234-5678           | US       | PREMIUM_RATE         | Premium-rate numbers can't be called. Enter a mobile or landline number.
            1900 123 456             | AU       | PREMIUM_RATE         | Premium-rate numbers can't be called. Enter a mobile or landline number.
            +91 1861 123 456 789     |          | PREMIUM_RATE         | Premium-rate numbers can't be called. Enter a mobile or landline number.
            1300 123 456             | AU       | SHARED_COST          | Shared-cost numbers can't be called. Enter a mobile or landline number.
            1860 345 1234            | IN       | SHARED_COST          | Shared-cost numbers can't be called. Enter a mobile or landline number.
            +61 1471 01234           |          | VOIP                 | Internet (VoIP) numbers can't be called. Enter a mobile or landline number.
            16 3 1234                | AU       | PAGER                | Pager numbers can't be called. Enter a mobile or landline number.
            +91 140 930 5260         | US       | UAN                  | Company switchboard numbers can't be called. Enter a mobile or landline number.
            500-234-5678             | US       | PERSONAL_NUMBER      | Personal forwarding numbers can't be called. Enter a mobile or landline number.
            +44 7400 123456          | US       | REGION_NOT_SUPPORTED | We can only call numbers in the United States, Australia or India.
            07400 123456             | GB       | REGION_NOT_SUPPORTED | We can only call numbers in the United States, Australia or India.
            +49 30 123456            |          | REGION_NOT_SUPPORTED | We can only call numbers in the United States, Australia or India.
            +1 506 234 5678          | US       | REGION_NOT_SUPPORTED | We can only call numbers in the United States, Australia or India.
            +44 12                   |          | REGION_NOT_SUPPORTED | We can only call numbers in the United States, Australia or India.
            (201) 555-012            | US       | INVALID              | That number is too short for the United States.
            12345                    | US       | INVALID              | That number is too short for the United States.
            +1 201 555 01234         |          | INVALID              | That number is too long for the United States.
            +91 98765 4321           |          | INVALID              | That isn't a valid phone number in India.
            0412 345 678             |          | INVALID              | Choose a country, or start the number with + and its country code.
            0412 345 678             | XX       | INVALID              | Choose a country, or start the number with + and its country code.
            +999 123 4567            |          | INVALID              | Choose a country, or start the number with + and its country code.
            call me maybe            | US       | INVALID              | That doesn't look like a phone number.
            +1 201 555 0123 ext. 45  | US       | INVALID              | We can't dial extensions. Enter a number that reaches you directly.
            """)
    void refusesWithASpecificReasonAndMessage(String input, String selected, PhoneRefusal reason, String message) {
        assertThat(rules.check(input, selected)).isEqualTo(new PhoneCheck.Invalid(reason, message));
    }

    @Test
    void refusesVoicemailNumbersWhereARegionHasThem() {
        // Of libphonenumber's regions only Germany has voicemail access numbers.
        PhoneRules germany = new PhoneRules(List.of("DE"));

        assertThat(germany.check(example("DE", PhoneNumberType.VOICEMAIL), null)).isEqualTo(new PhoneCheck.Invalid(
                PhoneRefusal.VOICEMAIL, "Voicemail access numbers can't be called. Enter a mobile or landline number."));
    }

    @Test
    void everyExampleNumberOfTheDefaultRegionsIsJudgedByItsType() {
        for (String region : PhoneRules.DEFAULT_REGIONS) {
            for (PhoneNumberType type : PhoneNumberType.values()) {
                String number = example(region, type);
                if (number == null) {
                    continue;
                }
                PhoneNumberType actual = PhoneNumberUtil.getInstance().getNumberType(parse(number));
                assertThat(rules.check(number, null)).as(region + " " + type)
                        .isEqualTo(PhoneRules.byLineType(actual, number, region));
            }
        }
    }

    @Test
    void unknownLineTypeIsRefused() {
        assertThat(PhoneRules.byLineType(PhoneNumberType.UNKNOWN, "+12015550123", "US")).isEqualTo(
                new PhoneCheck.Invalid(PhoneRefusal.UNKNOWN_LINE_TYPE,
                        "We can't tell whether that is a mobile or a landline, so we can't call it. "
                                + "Enter a mobile or landline number."));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t\n"})
    void nothingEnteredIsEmpty(String input) {
        assertThat(rules.check(input, "US")).isEqualTo(new PhoneCheck.Invalid(PhoneRefusal.EMPTY, "Enter a phone number."));
    }

    @Test
    void overlongInputIsRefusedWithoutParsing() {
        PhoneCheck.Invalid tooLong = new PhoneCheck.Invalid(PhoneRefusal.TOO_LONG, "That is too long to be a phone number.");

        assertThat(rules.check("+1 201 555 0123" + " ".repeat(PhoneRules.MAX_INPUT_LENGTH), "US")).isEqualTo(tooLong);
        assertThat(rules.check("9".repeat(1 << 20), "US")).isEqualTo(tooLong);
        assertThat(((PhoneCheck.Invalid) rules.check("1".repeat(PhoneRules.MAX_INPUT_LENGTH), "US")).reason())
                .isEqualTo(PhoneRefusal.INVALID);
    }

    @Test
    void refusalMessagesNeverRepeatTheNumber() {
        for (String input : List.of("+44 7400 123456", "(201) 555-012", "+91 98765 4321", "1-900-234-5678")) {
            PhoneCheck.Invalid invalid = (PhoneCheck.Invalid) rules.check(input, "US");
            assertThat(invalid.message()).doesNotContainPattern("\\d{3}");
        }
    }

    @Test
    void validResultMasksTheNumberInToString() {
        assertThat(rules.check("0412 345 678", "AU").toString())
                .isEqualTo("Valid[e164=+61 •••• ••• 5678, region=AU, lineType=MOBILE]");
    }

    @Test
    void configuredRegionsAreNamedInTheRefusal() {
        PhoneRules australiaOnly = new PhoneRules(List.of(" au "));

        assertThat(australiaOnly.allowedRegions()).containsExactly("AU");
        assertThat(australiaOnly.check("(201) 555-0123", "US"))
                .isEqualTo(new PhoneCheck.Invalid(PhoneRefusal.REGION_NOT_SUPPORTED, "We can only call numbers in Australia."));
        assertThat(new PhoneRules(List.of("US", "GB")).check("+61 412 345 678", null)).isEqualTo(new PhoneCheck.Invalid(
                PhoneRefusal.REGION_NOT_SUPPORTED, "We can only call numbers in the United States or the United Kingdom."));
    }

    @Test
    void regionsMustBeKnown() {
        assertThatThrownBy(() -> new PhoneRules(List.of())).hasMessage("at least one region must be allowed");
        assertThatThrownBy(() -> new PhoneRules(List.of("US", "XX"))).hasMessage("unknown region 'XX'");
    }

    private static String example(String region, PhoneNumberType type) {
        var number = PhoneNumberUtil.getInstance().getExampleNumberForType(region, type);
        return number == null ? null : PhoneNumberUtil.getInstance().format(number, PhoneNumberFormat.E164);
    }

    private static PhoneNumber parse(String e164) {
        try {
            return PhoneNumberUtil.getInstance().parse(e164, null);
        } catch (NumberParseException e) {
            throw new AssertionError(e);
        }
    }
}
