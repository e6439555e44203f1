/**
 * Packaging with electron-builder (`npm run package`). Electron itself is downloaded by
 * electron-builder when a package is made, never at `npm install` (package.json's allowScripts
 * keeps electron's install script off).
 *
 * Fuses are bits in the Electron binary, flipped after packing and before signing, so the
 * operating system's code-signing check keeps them as set. tests/unit/packaging-fuses.test.ts
 * reads this file the way electron-builder does and checks each one.
 *
 * @type {import('electron-builder').Configuration}
 */
module.exports = {
  appId: 'app.planwell.desktop',
  productName: 'PlanWell',
  directories: { output: 'dist' },
  // The built app and the fonts the plan documents embed (found as the nearest `resources` folder).
  files: ['out/**/*', 'resources/**/*', 'package.json'],
  // Everything in app.asar, whose hash is embedded in the binary; native modules (SQLite) are unpacked beside it.
  asar: true,
  electronFuses: {
    // ELECTRON_RUN_AS_NODE would turn the signed binary into a plain Node that runs any script.
    runAsNode: false,
    // Cookies are not used, but if Chromium ever stores one it is encrypted with the OS's keys.
    enableCookieEncryption: true,
    // NODE_OPTIONS (--require, --import) and NODE_EXTRA_CA_CERTS would inject code or trust.
    enableNodeOptionsEnvironmentVariable: false,
    // --inspect and SIGUSR1 would open a debugger into the process that holds the database key.
    enableNodeCliInspectArguments: false,
    // The app.asar is checked against the hash embedded at packaging (Windows and macOS)…
    enableEmbeddedAsarIntegrityValidation: true,
    // …and is the only place the app's code is loaded from (no `app` folder beside it).
    onlyLoadAppFromAsar: true,
    // grantFileProtocolExtraPrivileges stays at Electron's default (on): the window loads
    // out/renderer/index.html from a file: URL with module scripts, which needs it.
  },
  win: { target: 'nsis' },
  nsis: { oneClick: false, perMachine: true, allowToChangeInstallationDirectory: true },
  linux: { target: 'AppImage', category: 'Office' },
};
