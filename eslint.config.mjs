import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    // Direction of dependencies: app -> components -> lib. Browser code never reaches the Source client.
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/sources/*", "@/lib/db/*", "@/lib/runtime/*", "@/lib/features/*", "@/sandbox/*"],
              message: "Components run in the browser; the Source client and the store stay on the server.",
            },
          ],
        },
      ],
    },
  },
  {
    // Tables and selects come from the kit (DataTable, SimpleTable, FilterSelect, NativeSelect): one look, one accessible structure.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    ignores: ["components/ui/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "JSXOpeningElement[name.name=/^(table|select)$/]", message: "use the kit (components/ui)" },
      ],
    },
  },
  {
    // A component does one thing (issue 23): no function of a page or a component over 80 lines.
    files: ["app/**/*.tsx", "components/**/*.tsx"],
    ignores: ["**/*.test.tsx"],
    rules: { "max-lines-per-function": ["error", { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    // The client must not drift into sandbox code and vice versa: the sandbox behaves like an external Source.
    files: ["lib/**/*.ts"],
    // Tests and their support (lib/**/testing/) may start the sandbox; the client itself may not.
    ignores: ["lib/**/*.test.ts", "lib/**/testing/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/sandbox/*", "../sandbox/*", "../../sandbox/*"], message: "lib/ must not depend on the sandbox." }] },
      ],
    },
  },
];

export default config;
