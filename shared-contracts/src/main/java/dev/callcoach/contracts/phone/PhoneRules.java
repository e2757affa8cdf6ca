package dev.callcoach.contracts.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether Callcoach may call a number someone typed: it must exist, be in an allowed region and be
 * a line a person answers (mobile or landline). Anything that costs the caller's target money, reaches a
 * machine or is forwarded somewhere unknown is refused. Thread-safe.
 */
public final class PhoneRules {

    /** The regions allowed unless configured otherwise: United States, Australia, India. */
    public static final List<String> DEFAULT_REGIONS = List.of("US", "AU", "IN");
    /**
     * Longest input looked at. A formatted number with country code and spacing is around 20 characters;
     * longer input is refused before the parser spends time on it.
     */
    public static final int MAX_INPUT_LENGTH = 64;

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** Parsing region meaning "none": only input starting with '+' parses. */
    private static final String NO_REGION = "ZZ";
    private static final String CALLABLE = " Enter a mobile or landline number.";

    private final List<String> allowedRegions;
    private final String regionRefusal;

    /** Rules allowing the {@link #DEFAULT_REGIONS}. */
    public PhoneRules() {
        this(DEFAULT_REGIONS);
    }

    /**
     * Rules allowing numbers of these ISO 3166 regions (e.g. "US"), in the order they are named to the user.
     *
     * @throws IllegalArgumentException if the list is empty or names a region the phone metadata doesn't know
     */
    public PhoneRules(Collection<String> allowedRegions) {
        if (allowedRegions == null || allowedRegions.isEmpty()) {
            throw new IllegalArgumentException("at least one region must be allowed");
        }
        List<String> regions = allowedRegions.stream().map(PhoneRules::normaliseRegion).distinct().toList();
        for (String region : regions) {
            if (!UTIL.getSupportedRegions().contains(region)) {
                throw new IllegalArgumentException("unknown region '" + region + "'");
            }
        }
        this.allowedRegions = regions;
        this.regionRefusal = "We can only call numbers in " + countryList(regions) + ".";
    }

    /** The allowed regions, upper-case, in configured order. */
    public List<String> allowedRegions() {
        return allowedRegions;
    }

    /**
     * Checks a number as typed.
     *
     * @param input          national form (read with {@code selectedRegion}, e.g. "0412 345 678" with "AU") or
     *                       international form starting with '+' (the selected region is then ignored)
     * @param selectedRegion the region picked next to the input, or null
     */
    public PhoneCheck check(String input, String selectedRegion) {
        if (input == null || input.isBlank()) {
            return new PhoneCheck.Invalid(PhoneRefusal.EMPTY, "Enter a phone number.");
        }
        if (input.length() > MAX_INPUT_LENGTH) {
            return new PhoneCheck.Invalid(PhoneRefusal.TOO_LONG, "That is too long to be a phone number.");
        }
        String parsingRegion = selectedRegion == null || selectedRegion.isBlank()
                ? NO_REGION
                : normaliseRegion(selectedRegion);
        PhoneNumber number;
        try {
            number = UTIL.parse(input, parsingRegion);
        } catch (NumberParseException e) {
            return new PhoneCheck.Invalid(PhoneRefusal.INVALID, unparseable(e.getErrorType()));
        }
        List<String> regionsOfCode = UTIL.getRegionCodesForCountryCode(number.getCountryCode()).stream()
                .filter(allowedRegions::contains)
                .toList();
        if (regionsOfCode.isEmpty()) {
            return new PhoneCheck.Invalid(PhoneRefusal.REGION_NOT_SUPPORTED, regionRefusal);
        }
        if (!UTIL.isValidNumber(number)) {
            return new PhoneCheck.Invalid(PhoneRefusal.INVALID, notValid(number, regionsOfCode));
        }
        if (number.hasExtension()) {
            return new PhoneCheck.Invalid(PhoneRefusal.INVALID,
                    "We can't dial extensions. Enter a number that reaches you directly.");
        }
        String region = UTIL.getRegionCodeForNumber(number);
        if (!allowedRegions.contains(region)) {
            // Shared country codes: +1 is also Canada and the Caribbean.
            return new PhoneCheck.Invalid(PhoneRefusal.REGION_NOT_SUPPORTED, regionRefusal);
        }
        return byLineType(UTIL.getNumberType(number), UTIL.format(number, PhoneNumberFormat.E164), region);
    }

    /** Package-private so the fallback branches, unreachable with today's metadata, can be tested. */
    static PhoneCheck byLineType(PhoneNumberType type, String e164, String region) {
        return switch (type) {
            case MOBILE -> new PhoneCheck.Valid(e164, region, LineType.MOBILE);
            case FIXED_LINE -> new PhoneCheck.Valid(e164, region, LineType.FIXED_LINE);
            case FIXED_LINE_OR_MOBILE -> new PhoneCheck.Valid(e164, region, LineType.FIXED_LINE_OR_MOBILE);
            case PREMIUM_RATE -> refuse(PhoneRefusal.PREMIUM_RATE, "Premium-rate numbers can't be called.");
            case SHARED_COST -> refuse(PhoneRefusal.SHARED_COST, "Shared-cost numbers can't be called.");
            case TOLL_FREE -> refuse(PhoneRefusal.TOLL_FREE, "Toll-free numbers can't be called.");
            case VOIP -> refuse(PhoneRefusal.VOIP, "Internet (VoIP) numbers can't be called.");
            case PAGER -> refuse(PhoneRefusal.PAGER, "Pager numbers can't be called.");
            case UAN -> refuse(PhoneRefusal.UAN, "Company switchboard numbers can't be called.");
            case VOICEMAIL -> refuse(PhoneRefusal.VOICEMAIL, "Voicemail access numbers can't be called.");
            case PERSONAL_NUMBER -> refuse(PhoneRefusal.PERSONAL_NUMBER,
                    "Personal forwarding numbers can't be called.");
            // UNKNOWN, and any type a newer libphonenumber adds: call only what we know a person answers.
            default -> refuse(PhoneRefusal.UNKNOWN_LINE_TYPE,
                    "We can't tell whether that is a mobile or a landline, so we can't call it.");
        };
    }

    private static PhoneCheck refuse(PhoneRefusal reason, String sentence) {
        return new PhoneCheck.Invalid(reason, sentence + CALLABLE);
    }

    private static String unparseable(NumberParseException.ErrorType error) {
        return switch (error) {
            case INVALID_COUNTRY_CODE -> "Choose a country, or start the number with + and its country code.";
            case TOO_SHORT_AFTER_IDD, TOO_SHORT_NSN -> "That number is too short.";
            case TOO_LONG -> "That number has too many digits.";
            default -> "That doesn't look like a phone number.";
        };
    }

    private static String notValid(PhoneNumber number, List<String> regionsOfCode) {
        // Name the country only when the country code says which one it is.
        String country = regionsOfCode.size() == 1 ? countryName(regionsOfCode.getFirst()) : null;
        ValidationResult possible = UTIL.isPossibleNumberWithReason(number);
        return switch (possible) {
            case TOO_SHORT -> "That number is too short" + (country == null ? "" : " for " + country) + ".";
            case TOO_LONG -> "That number is too long" + (country == null ? "" : " for " + country) + ".";
            default -> "That isn't a valid phone number" + (country == null ? "" : " in " + country) + ".";
        };
    }

    private static String normaliseRegion(String region) {
        return region.strip().toUpperCase(Locale.ROOT);
    }

    private static String countryList(List<String> regions) {
        List<String> names = regions.stream().map(PhoneRules::countryName).toList();
        if (names.size() == 1) {
            return names.getFirst();
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast();
    }

    /** "the United States", "Australia": the article reads naturally after "in" and "for". */
    private static String countryName(String region) {
        String name = Locale.of("", region).getDisplayCountry(Locale.ENGLISH);
        return name.startsWith("United ") ? "the " + name : name;
    }
}
