package dev.callcoach.webapp.base;

import com.google.i18n.phonenumbers.PhoneNumberUtil;

import java.util.Locale;

/** Region (ISO 3166 country) codes as people read them. */
public final class Regions {

    private Regions() {
    }

    /** "AU" becomes "Australia". */
    public static String name(String region) {
        return Locale.of("", region).getDisplayCountry(Locale.ENGLISH);
    }

    /** "AU" becomes "Australia (+61)". */
    public static String nameWithCallingCode(String region) {
        return name(region) + " (+" + PhoneNumberUtil.getInstance().getCountryCodeForRegion(region) + ")";
    }
}
