package io.tradingjobs.market;

/** Opens {@link UpstoxFake}'s payloads to tests in other packages. */
public final class UpstoxFakeAccess {
    private UpstoxFakeAccess() {
    }

    /** See {@link UpstoxFake#optionChain}. */
    public static String optionChain(String underlying, String expiry) {
        return UpstoxFake.optionChain(underlying, expiry);
    }
}
