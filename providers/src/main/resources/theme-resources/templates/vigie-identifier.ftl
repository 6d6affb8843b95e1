<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('identifier'); section>
<#if section = "header">
    ${msg("vigieIdentifierTitle")}
<#elseif section = "form">
    <#if client??>
    <div id="vigie-service" class="vigie-service">
        <span class="vigie-service__label">${msg("vigieServiceLabel")}</span>
        <span id="vigie-service-name" class="vigie-service__name">${(client.name?has_content)?then(advancedMsg(client.name!''), client.clientId)}</span>
    </div>
    </#if>
    <form id="vigie-identifier-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
        <div class="${properties.kcFormGroupClass!}">
            <div class="${properties.kcFormGroupLabelClass!}">
                <label for="identifier" class="${properties.kcFormLabelClass!}">
                    <span class="${properties.kcFormLabelTextClass!}">${msg("vigieIdentifierLabel")}</span>
                </label>
            </div>
            <span class="${properties.kcInputClass!} <#if messagesPerField.existsError('identifier')>${properties.kcError!}</#if>">
                <input id="identifier" name="identifier" type="text" value="${(identifier!'')}"
                       inputmode="numeric" autocomplete="username" autofocus maxlength="64" spellcheck="false"
                       aria-describedby="identifier-help<#if messagesPerField.existsError('identifier')> input-error-identifier</#if>"
                       aria-invalid="<#if messagesPerField.existsError('identifier')>true<#else>false</#if>"/>
            </span>
            <div class="${properties.kcFormHelperTextClass!}" id="identifier-help">
                <div class="${properties.kcInputHelperTextClass!}">
                    <div class="${properties.kcInputHelperTextItemClass!}">
                        <span class="${properties.kcInputHelperTextItemTextClass!}">${msg("vigieIdentifierHelp")}</span>
                    </div>
                </div>
            </div>
            <#if messagesPerField.existsError('identifier')>
                <div class="${properties.kcFormHelperTextClass!}" aria-live="polite">
                    <div class="${properties.kcInputHelperTextClass!}">
                        <div class="${properties.kcInputHelperTextItemClass!} ${properties.kcError!}" id="input-error-identifier">
                            <span class="${properties.kcInputErrorMessageClass!}">${kcSanitize(messagesPerField.get('identifier'))?no_esc}</span>
                        </div>
                    </div>
                </div>
            </#if>
        </div>
        <div class="${properties.kcFormGroupClass!}">
            <div class="${properties.kcFormActionGroupClass!} vigie-actions">
                <button id="vigie-identifier-submit" class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" type="submit" name="login">${msg("vigieIdentifierSubmit")}</button>
                <#if vigieEnrolmentLinks!false>
                <button id="vigie-enrol-link" class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" type="submit" name="enrol" value="1">${msg("vigieEnrolLinkRequest")}</button>
                </#if>
                <button id="vigie-quit" class="${properties.kcButtonSecondaryClass!} pf-m-danger ${properties.kcButtonBlockClass!} vigie-quit" type="submit" name="cancel" value="quit" formnovalidate>${msg("vigieQuit")}</button>
            </div>
        </div>
    </form>
</#if>
</@layout.registrationLayout>
