// A KeyStore over another one whose getKey fails the next N calls the way a busy StrongBox or a
// restarting keystore daemon does (UnrecoverableKeyException or ProviderException), and counts
// the calls: KeystoreKeyWrapper's retry of a momentary failure is tested with it.
package com.timesafari.dailynotification;

import java.io.InputStream;
import java.io.OutputStream;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.KeyStoreSpi;
import java.security.NoSuchAlgorithmException;
import java.security.ProviderException;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.util.Date;
import java.util.Enumeration;

final class FlakyKeyStore extends KeyStoreSpi {

    private final KeyStore real;
    int failuresLeft;
    boolean providerFailure;
    int getKeyCalls;

    private FlakyKeyStore(KeyStore real) {
        this.real = real;
    }

    /** A loaded KeyStore over {@code real} whose first {@code failures} getKey calls fail. */
    static KeyStore over(KeyStore real, int failures, boolean providerFailure, FlakyKeyStore[] spiOut) throws Exception {
        FlakyKeyStore spi = new FlakyKeyStore(real);
        spi.failuresLeft = failures;
        spi.providerFailure = providerFailure;
        spiOut[0] = spi;
        KeyStore ks = new KeyStore(spi, real.getProvider(), "flaky") {};
        ks.load(null, null);
        return ks;
    }

    @Override
    public Key engineGetKey(String alias, char[] password) throws NoSuchAlgorithmException, UnrecoverableKeyException {
        getKeyCalls++;
        if (failuresLeft > 0) {
            failuresLeft--;
            if (providerFailure) {
                throw new ProviderException("Keystore operation failed (busy)");
            }
            throw new UnrecoverableKeyException("Failed to obtain information about key");
        }
        try {
            return real.getKey(alias, password);
        } catch (KeyStoreException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Certificate[] engineGetCertificateChain(String alias) {
        return null;
    }

    @Override
    public Certificate engineGetCertificate(String alias) {
        return null;
    }

    @Override
    public Date engineGetCreationDate(String alias) {
        return null;
    }

    @Override
    public void engineSetKeyEntry(String alias, Key key, char[] password, Certificate[] chain) throws KeyStoreException {
        real.setKeyEntry(alias, key, password, chain);
    }

    @Override
    public void engineSetKeyEntry(String alias, byte[] key, Certificate[] chain) throws KeyStoreException {
        real.setKeyEntry(alias, key, chain);
    }

    @Override
    public void engineSetCertificateEntry(String alias, Certificate cert) throws KeyStoreException {
        real.setCertificateEntry(alias, cert);
    }

    @Override
    public void engineDeleteEntry(String alias) throws KeyStoreException {
        real.deleteEntry(alias);
    }

    @Override
    public Enumeration<String> engineAliases() {
        try {
            return real.aliases();
        } catch (KeyStoreException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean engineContainsAlias(String alias) {
        try {
            return real.containsAlias(alias);
        } catch (KeyStoreException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int engineSize() {
        try {
            return real.size();
        } catch (KeyStoreException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean engineIsKeyEntry(String alias) {
        return engineContainsAlias(alias);
    }

    @Override
    public boolean engineIsCertificateEntry(String alias) {
        return false;
    }

    @Override
    public String engineGetCertificateAlias(Certificate cert) {
        return null;
    }

    @Override
    public void engineStore(OutputStream stream, char[] password) {}

    @Override
    public void engineLoad(InputStream stream, char[] password) {}
}
