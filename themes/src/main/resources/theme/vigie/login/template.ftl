<#--
  Vigie's page frame. Modelled on keycloak.v2's template.ftl (Keycloak 26.7.0) with the same
  sections, the same PatternFly v5 classes and the same behaviour, but no inline script, so that
  the pages work under the strict Content-Security-Policy they carry (script-src 'self', in a
  <meta> element: theme.properties vigieContentSecurityPolicy):
  - session polling (login finished in another tab) and the once-only links run from
    resources/js/vigie-page.js, which reads its inputs from data- attributes on <body>;
  - the language switch is a list of plain links (works without JavaScript, one Tab stop each)
    instead of a <select> with an inline onchange handler;
  - "try another way" and "switch organization" are submit buttons instead of javascript: links;
  - the import map for rfc4648 (an inline script) is only emitted on the pages that load the
    WebAuthn / passkeys scripts, none of which is part of the Vigie flow;
  - dark mode is off (theme.properties: darkMode=false): one light, high-contrast look;
  - Keycloak's "attempted username" box is never shown: on a shared computer it would show the
    national identifier of whoever signed in last to the person now at the keyboard. A browser
    that holds a session gets the session bar instead (change practitioner, sign out), which
    names nobody.
-->
<#import "field.ftl" as field>
<#import "footer.ftl" as loginFooter>
<#import "theme-resources.ftl" as themeResourceTags>

<#-- A language's own name ("English", "Français") when the theme has one, else Keycloak's label. -->
<#function languageName l>
  <#local key = "vigieLanguageName_" + l.languageTag>
  <#local name = msg(key)>
  <#return (name == key)?then(l.label, name)>
</#function>

<#macro registrationLayout bodyClass="" displayInfo=false displayMessage=true displayRequiredFields=false>
<#assign vigieHeader><#nested "header"></#assign>
<#-- The page's h1 as plain text, for <title> (WCAG 2.4.2): tags dropped, FreeMarker's escapes undone (msg escapes again). -->
<#assign vigieHeaderText = vigieHeader?markup_string?replace("<[^>]*>", " ", "r")?replace("\\s+", " ", "r")?trim
    ?replace("&#39;", "'")?replace("&quot;", "\"")?replace("&lt;", "<")?replace("&gt;", ">")?replace("&amp;", "&")>
<!DOCTYPE html>
<html class="${properties.kcHtmlClass!}" lang="${lang}"<#if realm.internationalizationEnabled> dir="${(locale.rtl)?then('rtl','ltr')}"</#if>>

<head>
    <meta charset="utf-8">
    <#-- Vigie's login pages stay strict whatever the realm's header allows (the Account Console
         needs its inline import map there): a browser enforces this policy and the header's
         together. First in <head>, so that it covers every element after it; frame-ancestors
         cannot be set here and stays in the realm's header (docs/security-model.md). -->
    <meta http-equiv="Content-Security-Policy" content="${properties.vigieContentSecurityPolicy}">
    <meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
    <meta name="color-scheme" content="light">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="robots" content="noindex, nofollow">

    <#if properties.meta?has_content>
        <#list properties.meta?split(' ') as meta>
            <meta name="${meta?split('==')[0]}" content="${meta?split('==')[1]}"/>
        </#list>
    </#if>
    <title><#if vigieHeaderText?has_content>${msg("vigiePageTitle", vigieHeaderText, (realm.displayName!'Vigie'))}<#else>${title!}</#if></title>
    <#if themeResources?? && themeResources.favicons?has_content>
        <@themeResourceTags.renderFavicons themeResources.favicons url.resourcesPath />
    <#else>
        <link rel="icon" href="${url.resourcesPath}/img/vigie-mark.svg" type="image/svg+xml" />
    </#if>
    <#if themeResources?? && themeResources.stylesCommon?has_content>
        <@themeResourceTags.renderStyles themeResources.stylesCommon url.resourcesCommonPath />
    <#elseif properties.stylesCommon?has_content>
        <#list properties.stylesCommon?split(' ') as style>
            <link href="${url.resourcesCommonPath}/${style}" rel="stylesheet" />
        </#list>
    </#if>
    <#if themeResources?? && themeResources.styles?has_content>
        <@themeResourceTags.renderStyles themeResources.styles url.resourcesPath />
    <#elseif properties.styles?has_content>
        <#list properties.styles?split(' ') as style>
            <link href="${url.resourcesPath}/${style}" rel="stylesheet" />
        </#list>
    </#if>
    <#if pageId?? && pageId?matches("login|login-username|login-password|webauthn-.*|login-passkeys-.*")>
    <script type="importmap">
        {
            "imports": {
                "rfc4648": "${url.resourcesCommonPath}/vendor/rfc4648/rfc4648.js"
            }
        }
    </script>
    </#if>
    <#if themeResources?? && themeResources.scripts?has_content>
        <@themeResourceTags.renderScripts themeResources.scripts url.resourcesPath "text/javascript" />
    <#elseif properties.scripts?has_content>
        <#list properties.scripts?split(' ') as script>
            <script src="${url.resourcesPath}/${script}" type="text/javascript"></script>
        </#list>
    </#if>
    <#if scripts??>
        <#list scripts as script>
            <script src="${script}" type="text/javascript"></script>
        </#list>
    </#if>
    <script type="module" src="${url.resourcesPath}/js/passwordVisibility.js"></script>
    <script type="module" src="${url.resourcesPath}/js/vigie-page.js"></script>
</head>

<body id="keycloak-bg" class="${properties.kcBodyClass!} vigie" data-page-id="login-${pageId}"
      data-sso-login-in-other-tabs-url="${url.ssoLoginInOtherTabsUrl}"<#if authenticationSession??>
      data-auth-session-id-hash="${authenticationSession.authSessionIdHash}"</#if>>
<div class="${properties.kcLogin!}">
  <div class="${properties.kcLoginContainer!}">
    <header id="kc-header" class="pf-v5-c-login__header vigie-header">
      <div id="kc-header-wrapper" class="pf-v5-c-brand vigie-brand">
        <svg class="vigie-brand__mark" viewBox="0 0 48 48" width="44" height="44" aria-hidden="true" focusable="false">
          <path d="M24 3 42 10v13c0 11-7.6 19.4-18 22C13.6 42.4 6 34 6 23V10Z" fill="#0b5f7a"/>
          <path d="M11.5 24.5c3.4-5.3 7.6-8 12.5-8s9.1 2.7 12.5 8c-3.4 5.3-7.6 8-12.5 8s-9.1-2.7-12.5-8Z" fill="#ffffff"/>
          <circle cx="24" cy="24.5" r="4.6" fill="#0b5f7a"/>
        </svg>
        <span class="vigie-brand__text">
          <span class="vigie-brand__name">${kcSanitize(msg("loginTitleHtml",(realm.displayNameHtml!'')))?no_esc}</span>
          <span class="vigie-brand__tagline">${msg("vigieTagline")}</span>
        </span>
      </div>
      <#if realm.internationalizationEnabled && locale.supported?size gt 1>
        <nav class="vigie-languages" id="vigie-languages" aria-label="${msg("vigieLanguages")}">
          <ul>
            <#list locale.supported?sort_by("label") as l>
              <li>
                <#if l.languageTag == locale.currentLanguageTag>
                  <span class="vigie-languages__current" lang="${l.languageTag}" aria-current="true">${languageName(l)}</span>
                <#else>
                  <a href="${l.url}" lang="${l.languageTag}" hreflang="${l.languageTag}">${languageName(l)}</a>
                </#if>
              </li>
            </#list>
          </ul>
        </nav>
      </#if>
    </header>
    <main class="${properties.kcLoginMain!}">
      <div class="${properties.kcLoginMainHeader!} vigie-main-header">
        <h1 class="${properties.kcLoginMainTitle!}" id="kc-page-title"><#nested "header"></h1>
      </div>
      <div class="${properties.kcLoginMainBody!}">
        <#if displayRequiredFields>
            <div class="${properties.kcContentWrapperClass!}">
                <div class="${properties.kcLabelWrapperClass!} subtitle">
                    <span class="${properties.kcInputHelperTextItemTextClass!}">
                      <span class="${properties.kcInputRequiredClass!}">*</span> ${msg("requiredFields")}
                    </span>
                </div>
            </div>
        </#if>

        <#-- The flow has a user only when Keycloak's cookie step found this browser's session
             (Vigie's own steps set none before the approval succeeds): this browser is signed in.
             Every restart link of the theme keeps that session (skip_logout=true; Keycloak's own
             restart would end it at once): it ends when another practitioner's approval succeeds,
             or with "Se déconnecter", which is the realm's OpenID Connect logout endpoint (Keycloak asks
             to confirm, then logs out every service of the session). -->
        <#if auth?has_content && auth.showUsername() && client??>
            <nav id="vigie-session" class="vigie-session" aria-label="${msg("vigieSessionLabel")}">
                <p id="vigie-session-text" class="vigie-session__text">${msg("vigieSessionOpen")}</p>
                <ul class="vigie-session__actions">
                    <li><a id="vigie-change-practitioner" href="${url.loginRestartFlowUrl?replace("skip_logout=false", "skip_logout=true")}">${msg("vigieChangePractitioner")}</a></li>
                    <li><a id="vigie-logout" href="${url.loginUrl?keep_before("/login-actions/")}/protocol/openid-connect/logout?client_id=${client.clientId?url("UTF-8")}">${msg("vigieLogout")}</a></li>
                </ul>
            </nav>
        </#if>

        <#-- App-initiated actions should not see warning messages about the need to complete the action -->
        <#-- during login.                                                                               -->
        <#if displayMessage && message?has_content && (message.type != 'warning' || !isAppInitiatedAction??)>
            <div class="${properties.kcAlertClass!} pf-m-${(message.type = 'error')?then('danger', message.type)}">
                <div class="${properties.kcAlertIconClass!}">
                    <#if message.type = 'success'><span class="${properties.kcFeedbackSuccessIcon!}" aria-hidden="true"></span></#if>
                    <#if message.type = 'warning'><span class="${properties.kcFeedbackWarningIcon!}" aria-hidden="true"></span></#if>
                    <#if message.type = 'error'><span class="${properties.kcFeedbackErrorIcon!}" aria-hidden="true"></span></#if>
                    <#if message.type = 'info'><span class="${properties.kcFeedbackInfoIcon!}" aria-hidden="true"></span></#if>
                </div>
                <span class="${properties.kcAlertTitleClass!} kc-feedback-text">${message.summary}</span>
            </div>
        </#if>

        <#nested "form">

        <#if auth?has_content && auth.showTryAnotherWayLink()>
          <form id="kc-select-try-another-way-form" action="${url.loginAction}" method="post" novalidate="novalidate">
              <input type="hidden" name="tryAnotherWay" value="on"/>
              <button id="try-another-way" type="submit"
                  class="${properties.kcButtonSecondaryClass} ${properties.kcButtonBlockClass} ${properties.kcMarginTopClass}">
                    ${msg("doTryAnotherWay")}
              </button>
          </form>
        </#if>

        <#if switchOrganizationEnabled?? && switchOrganizationEnabled>
          <form id="kc-switch-organization-form" action="${url.loginAction}" method="post" novalidate="novalidate">
              <input type="hidden" name="switchOrganization" value="true"/>
              <button id="switch-organization" type="submit"
                  class="${properties.kcButtonSecondaryClass} ${properties.kcButtonBlockClass} ${properties.kcMarginTopClass}">
                    ${msg("doSwitchOrganization")}
              </button>
          </form>
        </#if>

          <div class="${properties.kcLoginMainFooter!}">
              <#nested "socialProviders">

              <#if displayInfo>
                  <div id="kc-info" class="${properties.kcLoginMainFooterBand!} ${properties.kcFormClass}">
                      <div id="kc-info-wrapper" class="${properties.kcLoginMainFooterBandItem!}">
                          <#nested "info">
                      </div>
                  </div>
              </#if>
          </div>
      </div>

        <div class="${properties.kcLoginMainFooter!}">
            <@loginFooter.content/>
        </div>
    </main>
    <footer class="vigie-footer">
      <p>${msg("vigieFooter")}</p>
    </footer>
  </div>
</div>
</body>
</html>
</#macro>
