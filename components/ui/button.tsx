import Link from "next/link";
import type { ButtonHTMLAttributes, ComponentProps } from "react";
import { buttonVariant } from "./classes";

export type ButtonVariant = keyof typeof buttonVariant;

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant };

/** A button of the kit: `type="button"` unless told otherwise, so it never submits a form by accident. */
export function Button({ variant = "secondary", type = "button", className, ...rest }: ButtonProps) {
  return <button type={type} className={className ? `${buttonVariant[variant]} ${className}` : buttonVariant[variant]} {...rest} />;
}

type ButtonLinkProps = ComponentProps<typeof Link> & { variant?: ButtonVariant };

/** A link that looks like a button (it goes somewhere; a Button does something). */
export function ButtonLink({ variant = "secondary", className, ...rest }: ButtonLinkProps) {
  return <Link className={className ? `${buttonVariant[variant]} ${className}` : buttonVariant[variant]} {...rest} />;
}
